using System.Net;
using k8s.Models;
using Telepath.TrafficManager.Cluster;

namespace Telepath.TrafficManager.Tests.Cluster;

public sealed class OutOfRangeRefusalTests
{
    private static readonly IPAddress Asked = IPAddress.Parse("192.0.2.1");

    [Theory]
    // 1.34 and later: the field's value rendered as JSON.
    [InlineData("spec.clusterIPs", "Invalid value: [\"192.0.2.1\"]: failed to allocate IP 192.0.2.1: the provided IP (192.0.2.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12")]
    // 1.27 to 1.33, the bitmap allocator and a ServiceCIDR's dry-run allocator alike.
    [InlineData("spec.clusterIPs", "Invalid value: []string{\"192.0.2.1\"}: failed to allocate IP 192.0.2.1: the provided IP (192.0.2.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12")]
    // 1.21 to 1.26.
    [InlineData("spec.clusterIPs", "Invalid value: []string{\"192.0.2.1\"}: failed to allocate IP 192.0.2.1: provided IP is not in the valid range. The range of valid IPs is 10.96.0.0/12")]
    // 1.20.
    [InlineData("spec.clusterIPs", "Invalid value: []string{\"192.0.2.1\"}: failed to allocated ip:192.0.2.1 with error:provided IP is not in the valid range. The range of valid IPs is 10.96.0.0/12")]
    // 1.8 to 1.19, before dual-stack.
    [InlineData("spec.clusterIP", "Invalid value: \"192.0.2.1\": provided IP is not in the valid range. The range of valid IPs is 10.96.0.0/12")]
    public void Every_wording_real_API_servers_used_names_the_range(string field, string message)
    {
        Assert.Equal(IPNetwork.Parse("10.96.0.0/12"), OutOfRangeRefusal.RangeIn(Refusal(field, message), Asked));
    }

    [Fact]
    public void An_IPv6_range_is_read_for_an_IPv6_address()
    {
        var asked = IPAddress.Parse("2001:db8::1");

        var range = OutOfRangeRefusal.RangeIn(
            Refusal("spec.clusterIPs", "Invalid value: []string{\"2001:db8::1\"}: failed to allocate IP 2001:db8::1: the provided IP (2001:db8::1) is not in the valid range. The range of valid IPs is fd00:10:96::/108"),
            asked);

        Assert.Equal(IPNetwork.Parse("fd00:10:96::/108"), range);
    }

    [Theory]
    // The ServiceCIDR allocator's answer to a real create, and a release that no longer names the range.
    [InlineData("spec.clusterIPs", "Invalid value: []string{\"192.0.2.1\"}: failed to allocate IP 192.0.2.1: the provided network does not match the current range")]
    [InlineData("spec.clusterIPs", "Invalid value: []string{\"192.0.2.1\"}: failed to allocate IP 192.0.2.1: provided IP 192.0.2.1 is not in the valid range")]
    [InlineData("spec.clusterIPs[0]", "Invalid value: []string{\"192.0.2.1\"}: IPv4 is not configured on this cluster")]
    // About another address, or a field the allocator does not write.
    [InlineData("spec.clusterIPs", "Invalid value: []string{\"192.0.2.7\"}: failed to allocate IP 192.0.2.7: the provided IP (192.0.2.7) is not in the valid range. The range of valid IPs is 10.96.0.0/12")]
    [InlineData("metadata.name", "Invalid value: []string{\"192.0.2.1\"}: failed to allocate IP 192.0.2.1: the provided IP (192.0.2.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12")]
    // A range that is no range, or text after it.
    [InlineData("spec.clusterIPs", "Invalid value: []string{\"192.0.2.1\"}: failed to allocate IP 192.0.2.1: the provided IP (192.0.2.1) is not in the valid range. The range of valid IPs is 10.96.0.1/12")]
    [InlineData("spec.clusterIPs", "Invalid value: []string{\"192.0.2.1\"}: failed to allocate IP 192.0.2.1: the provided IP (192.0.2.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12 and more")]
    [InlineData("spec.clusterIPs", "Invalid value: []string{\"192.0.2.1\"}: failed to allocate IP 192.0.2.1: the provided IP (192.0.2.1) is not in the valid range. The range of valid IPs is ")]
    // A range of the other family, or one that holds the address it says is outside.
    [InlineData("spec.clusterIPs", "Invalid value: []string{\"192.0.2.1\"}: failed to allocate IP 192.0.2.1: the provided IP (192.0.2.1) is not in the valid range. The range of valid IPs is fd00::/108")]
    [InlineData("spec.clusterIPs", "Invalid value: []string{\"192.0.2.1\"}: failed to allocate IP 192.0.2.1: the provided IP (192.0.2.1) is not in the valid range. The range of valid IPs is 192.0.2.0/24")]
    public void Anything_else_is_no_answer(string field, string message)
    {
        Assert.Null(OutOfRangeRefusal.RangeIn(Refusal(field, message), Asked));
    }

    [Fact]
    public void A_status_that_is_not_a_422_Invalid_of_a_Service_is_no_answer()
    {
        const string message = "Invalid value: []string{\"192.0.2.1\"}: failed to allocate IP 192.0.2.1: the provided IP (192.0.2.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12";
        var forbidden = Refusal("spec.clusterIPs", message);
        forbidden.Code = 403;
        forbidden.Reason = "Forbidden";
        var pod = Refusal("spec.clusterIPs", message);
        pod.Details.Kind = "Pod";

        Assert.Null(OutOfRangeRefusal.RangeIn(forbidden, Asked));
        Assert.Null(OutOfRangeRefusal.RangeIn(pod, Asked));
        Assert.Null(OutOfRangeRefusal.RangeIn(new V1Status { Code = 422, Reason = "Invalid" }, Asked));
        Assert.Null(OutOfRangeRefusal.RangeIn(null, Asked));
    }

    private static V1Status Refusal(string field, string message) => new()
    {
        Status = "Failure",
        Code = 422,
        Reason = "Invalid",
        Message = $"Service \"telepath-range-probe\" is invalid: {field}: {message}",
        Details = new V1StatusDetails
        {
            Name = "telepath-range-probe",
            Kind = "Service",
            Causes = [new V1StatusCause { Reason = "FieldValueInvalid", Field = field, Message = message }],
        },
    };
}
