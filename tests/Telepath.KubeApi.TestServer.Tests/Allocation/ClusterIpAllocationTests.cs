using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Telepath.KubeApi.TestServer.Tests.Infrastructure;

namespace Telepath.KubeApi.TestServer.Tests.Allocation;

/// <summary>Cluster IPs as kube-apiserver's Service storage gives and refuses them, in 1.32 (bitmap) and 1.33 (ServiceCIDRs).</summary>
public class ClusterIpAllocationTests
{
    private const string OutOfRange = "Service \"probe\" is invalid: spec.clusterIPs: Invalid value: []string{\"192.0.2.1\"}: failed to allocate IP 192.0.2.1: the provided IP (192.0.2.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_dry_run_outside_the_range_is_refused_with_the_range_named_and_nothing_is_stored(bool serviceCidrs)
    {
        await using var cluster = await TestCluster.StartAsync(new KubeApiServerOptions { ServeServiceCidrs = serviceCidrs });

        var status = await RefusalAsync(() => cluster.Client.CreateNamespacedServiceAsync(Service("probe", "192.0.2.1"), "default", dryRun: "All"));

        Assert.Equal((422, "Invalid", OutOfRange), (status.Code, status.Reason, status.Message));
        Assert.Equal(("probe", "Service", null), (status.Details.Name, status.Details.Kind, status.Details.Group));
        var cause = Assert.Single(status.Details.Causes);
        Assert.Equal(("FieldValueInvalid", "spec.clusterIPs"), (cause.Reason, cause.Field));
        Assert.Equal(OutOfRange[(OutOfRange.IndexOf("Invalid value", StringComparison.Ordinal))..], cause.Message);
        Assert.Empty((await cluster.Client.ListNamespacedServiceAsync("default")).Items);
    }

    [Fact]
    public async Task A_real_create_outside_the_range_is_refused_by_1_32_with_the_range_named()
    {
        await using var cluster = await TestCluster.StartAsync(new KubeApiServerOptions { ServeServiceCidrs = false });

        var status = await RefusalAsync(() => cluster.Client.CreateNamespacedServiceAsync(Service("probe", "192.0.2.1"), "default"));

        Assert.Equal(OutOfRange, status.Message);
    }

    [Fact]
    public async Task A_real_create_outside_every_ServiceCIDR_is_refused_by_1_33_without_a_range()
    {
        await using var cluster = await TestCluster.StartAsync();

        var status = await RefusalAsync(() => cluster.Client.CreateNamespacedServiceAsync(Service("probe", "192.0.2.1"), "default"));

        Assert.Equal(
            "Service \"probe\" is invalid: spec.clusterIPs: Invalid value: []string{\"192.0.2.1\"}: failed to allocate IP 192.0.2.1: the provided network does not match the current range",
            status.Message);
    }

    [Fact]
    public async Task An_IPv6_cluster_IP_on_an_IPv4_cluster_is_not_configured()
    {
        await using var cluster = await TestCluster.StartAsync();

        var status = await RefusalAsync(() => cluster.Client.CreateNamespacedServiceAsync(Service("probe", "2001:db8::1"), "default", dryRun: "All"));

        Assert.Equal(
            "Service \"probe\" is invalid: spec.clusterIPs[0]: Invalid value: []string{\"2001:db8::1\"}: IPv6 is not configured on this cluster",
            status.Message);
    }

    [Fact]
    public async Task A_dry_run_inside_the_range_answers_the_object_with_no_resource_version_and_stores_nothing()
    {
        await using var cluster = await TestCluster.StartAsync();

        var answer = await cluster.Client.CreateNamespacedServiceAsync(Service("orders", "10.100.0.7"), "default", dryRun: "All");

        Assert.Equal(["10.100.0.7"], answer.Spec.ClusterIPs);
        Assert.Equal(["IPv4"], answer.Spec.IpFamilies);
        Assert.NotNull(answer.Metadata.Uid);
        Assert.Null(answer.Metadata.ResourceVersion);
        Assert.Empty((await cluster.Client.ListNamespacedServiceAsync("default")).Items);
    }

    [Fact]
    public async Task A_cluster_IP_in_a_ServiceCIDR_added_later_is_given()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.Client.NetworkingV1.CreateServiceCIDRAsync(new V1ServiceCIDR
        {
            Metadata = new V1ObjectMeta { Name = "extra" },
            Spec = new V1ServiceCIDRSpec { Cidrs = ["10.200.0.0/16"] },
        });

        var created = await cluster.Client.CreateNamespacedServiceAsync(Service("orders", "10.200.0.5"), "default");

        Assert.Equal("10.200.0.5", created.Spec.ClusterIP);
    }

    [Fact]
    public async Task An_address_taken_is_refused_and_allocation_skips_it()
    {
        await using var cluster = await TestCluster.StartAsync();
        var first = await cluster.Client.CreateNamespacedServiceAsync(Service("first", null), "default");
        var next = IPAddress.Parse(first.Spec.ClusterIP).GetAddressBytes();
        next[3]++;
        await cluster.Client.CreateNamespacedServiceAsync(Service("taken", new IPAddress(next).ToString()), "default");

        var status = await RefusalAsync(() => cluster.Client.CreateNamespacedServiceAsync(Service("again", first.Spec.ClusterIP), "default"));
        var third = await cluster.Client.CreateNamespacedServiceAsync(Service("third", null), "default");

        Assert.EndsWith($"failed to allocate IP {first.Spec.ClusterIP}: provided IP is already allocated", status.Message);
        Assert.DoesNotContain(third.Spec.ClusterIP, new[] { first.Spec.ClusterIP, new IPAddress(next).ToString() });
        Assert.True(IPNetwork.Parse("10.96.0.0/12").Contains(IPAddress.Parse(third.Spec.ClusterIP)));
    }

    [Fact]
    public async Task Cluster_IPs_come_from_the_configured_range()
    {
        await using var cluster = await TestCluster.StartAsync(new KubeApiServerOptions { ServiceCidr = IPNetwork.Parse("10.43.0.0/16") });

        var created = await cluster.Client.CreateNamespacedServiceAsync(Service("orders", null), "default");

        Assert.True(IPNetwork.Parse("10.43.0.0/16").Contains(IPAddress.Parse(created.Spec.ClusterIP)), created.Spec.ClusterIP);
    }

    private static async Task<V1Status> RefusalAsync(Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<HttpOperationException>(call);
        return KubernetesJson.Deserialize<V1Status>(error.Response.Content);
    }

    private static V1Service Service(string name, string? clusterIp) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1ServiceSpec
        {
            ClusterIP = clusterIp,
            ClusterIPs = clusterIp is null ? null : [clusterIp],
            Ports = [new V1ServicePort { Port = 80 }],
        },
    };
}
