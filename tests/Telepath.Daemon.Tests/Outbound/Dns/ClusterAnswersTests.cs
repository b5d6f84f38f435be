using System.Net;

namespace Telepath.Daemon.Tests.Outbound.Dns;

/// <summary>The cluster's names in every form, asked with the real dig over UDP and TCP.</summary>
public sealed class ClusterAnswersTests
{
    public static TheoryData<string, string, string> Names()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var transport in new[] { "+notcp", "+tcp" })
        {
            data.Add("orders", transport, "10.96.0.10");
            data.Add("orders.shop", transport, "10.96.0.10");
            data.Add("orders.shop.svc", transport, "10.96.0.10");
            data.Add("orders.shop.svc.cluster.local", transport, "10.96.0.10");
            data.Add("api.default", transport, "10.96.0.20");
            data.Add("web", transport, "10.1.0.7 10.1.0.8");
            data.Add("web-0.web.shop", transport, "10.1.0.7");
            data.Add("web-1.web.shop.svc.cluster.local", transport, "10.1.0.8");
            data.Add("10-1-0-7.shop.pod", transport, "10.1.0.7");
            data.Add("10-1-0-7.shop.pod.cluster.local", transport, "10.1.0.7");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task A_cluster_name_in_any_form_gets_its_addresses_for_five_seconds(string name, string transport, string addresses)
    {
        await using var server = TestCluster.Start(TestCluster.NoLookups());

        var reply = await Dig.QueryAsync(server.EndPoint, name, "A", transport);

        Assert.Equal("NOERROR", reply.Status);
        Assert.Equal(addresses.Split(' '), reply.Addresses);
        Assert.All(reply.Answers, answer => Assert.Equal(5, answer.Ttl));
        Assert.All(reply.Answers, answer => Assert.Equal(name + ".", answer.Name));
        Assert.Contains("aa", reply.Flags);
    }

    [Fact]
    public async Task The_answer_keeps_the_case_the_client_asked_in()
    {
        await using var server = TestCluster.Start(TestCluster.NoLookups());

        var reply = await Dig.QueryAsync(server.EndPoint, "Orders.SHOP.svc.Cluster.Local");

        Assert.Equal(["10.96.0.10"], reply.Addresses);
        Assert.Equal("Orders.SHOP.svc.Cluster.Local.", Assert.Single(reply.Answers).Name);
    }

    [Theory]
    [InlineData("orders.shop", "AAAA")]
    [InlineData("v6only.shop", "A")]
    [InlineData("orders.shop", "MX")]
    [InlineData("orders.shop", "TXT")]
    [InlineData("orders.shop.svc.cluster.local", "SRV")]
    [InlineData("shop.svc.cluster.local", "A")]
    [InlineData("cluster.local", "A")]
    public async Task A_cluster_name_without_records_of_the_type_gets_an_empty_answer_with_the_SOA(string name, string type)
    {
        await using var server = TestCluster.Start(TestCluster.NoLookups());

        var reply = await Dig.QueryAsync(server.EndPoint, name, type);

        Assert.Equal("NOERROR", reply.Status);
        Assert.Empty(reply.Answers);
        var soa = Assert.Single(reply.Authority);
        Assert.Equal(("cluster.local.", "SOA"), (soa.Name, soa.Type));
        Assert.EndsWith(" 5", soa.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dual_stack_name_answers_each_family_with_its_own_addresses()
    {
        await using var server = TestCluster.Start(TestCluster.NoLookups());

        var v4 = await Dig.QueryAsync(server.EndPoint, "dual", "A");
        var v6 = await Dig.QueryAsync(server.EndPoint, "dual", "AAAA", "+tcp");

        Assert.Equal(["10.96.0.11"], v4.Addresses);
        Assert.Equal(["fd00::11"], v6.Addresses);
    }

    [Fact]
    public async Task A_name_the_view_lacks_is_asked_of_the_cluster_by_its_full_name()
    {
        var lookup = new CountingLookup(new Dictionary<string, IPAddress[]>
        {
            ["late.shop.svc.cluster.local"] = [IPAddress.Parse("10.96.0.99")],
        });
        await using var server = TestCluster.Start(lookup);

        var reply = await Dig.QueryAsync(server.EndPoint, "late.shop");

        Assert.Equal(["10.96.0.99"], reply.Addresses);
        Assert.Equal(["late.shop.svc.cluster.local"], lookup.Asked);
    }

    [Theory]
    [InlineData("nothing.shop.svc.cluster.local")]
    [InlineData("nothing.shop")]
    [InlineData("deep.name.cluster.local")]
    public async Task A_cluster_name_nobody_knows_is_NXDOMAIN_with_the_SOA(string name)
    {
        var lookup = TestCluster.NoLookups();
        await using var server = TestCluster.Start(lookup);

        var reply = await Dig.QueryAsync(server.EndPoint, name);

        Assert.Equal("NXDOMAIN", reply.Status);
        Assert.Empty(reply.Answers);
        var soa = Assert.Single(reply.Authority);
        Assert.Equal(("cluster.local.", "SOA", 5), (soa.Name, soa.Type, soa.Ttl));
        Assert.Single(lookup.Asked);
    }

    [Fact]
    public async Task When_the_cluster_cannot_be_asked_the_client_gets_SERVFAIL()
    {
        var lookup = new CountingLookup(new Dictionary<string, IPAddress[]>()) { Failure = new InvalidOperationException("manager gone") };
        await using var server = TestCluster.Start(lookup);

        var reply = await Dig.QueryAsync(server.EndPoint, "nothing.shop");

        Assert.Equal("SERVFAIL", reply.Status);
    }

    [Fact]
    public async Task A_new_view_is_used_for_the_next_query()
    {
        await using var server = TestCluster.Start(TestCluster.NoLookups());

        server.Update(
            TestCluster.Info(records: [("orders.shop.svc.cluster.local", ["10.96.0.77"]), ("api.default.svc.cluster.local", ["10.96.0.20"])]),
            "default");
        var moved = await Dig.QueryAsync(server.EndPoint, "orders.shop");
        var shortName = await Dig.QueryAsync(server.EndPoint, "api");

        Assert.Equal(["10.96.0.77"], moved.Addresses);
        Assert.Equal(["10.96.0.20"], shortName.Addresses);
    }
}
