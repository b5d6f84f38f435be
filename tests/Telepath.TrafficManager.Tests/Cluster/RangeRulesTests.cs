using System.Net;
using Telepath.TrafficManager.Cluster;

namespace Telepath.TrafficManager.Tests.Cluster;

public sealed class RangeRulesTests
{
    [Theory]
    [InlineData("10.96.0.0/12")]
    [InlineData("10.0.0.0/8")]
    [InlineData("240.10.0.0/16")]
    [InlineData("fd00:10:96::/108")]
    [InlineData("fd00:10:244:1::/64")]
    [InlineData("2001:db8::/32")]
    public void Usual_service_and_pod_ranges_are_accepted(string range)
    {
        Assert.Null(RangeRules.Refusal(IPNetwork.Parse(range)));
    }

    [Theory]
    [InlineData("0.0.0.0/0", "wider than /8")]
    [InlineData("10.0.0.0/7", "wider than /8")]
    [InlineData("::/0", "wider than /32")]
    [InlineData("127.0.10.0/24", "overlaps 127.0.0.0/8, which is never redirected")]
    [InlineData("169.254.0.0/24", "overlaps 169.254.0.0/16, which is never redirected")]
    [InlineData("0.0.0.0/8", "overlaps 0.0.0.0/8, which is never redirected")]
    [InlineData("224.0.0.0/8", "overlaps 224.0.0.0/4, which is never redirected")]
    [InlineData("fe80::/64", "overlaps fe80::/10, which is never redirected")]
    [InlineData("::1/128", "overlaps ::1/128, which is never redirected")]
    public void Ranges_that_would_take_the_laptops_own_network_are_refused(string range, string why)
    {
        Assert.Equal(why, RangeRules.Refusal(IPNetwork.Parse(range)));
    }

    [Theory]
    [InlineData("10.96.0.1/12")]
    [InlineData("10.96.0.0")]
    [InlineData("10.96.0.0/33")]
    [InlineData("")]
    [InlineData(null)]
    public void Text_that_is_not_a_canonical_CIDR_is_refused(string? text)
    {
        Assert.Null(RangeRules.Accept(text, out var why));
        Assert.Equal("not a CIDR", why);
    }
}
