using System.Net;
using DnsClient;
using DnsClient.Protocol;

namespace Telepath.Daemon.Tests.Outbound.Dns;

/// <summary>A second client we did not write, DnsClient.NET, reads our answers (System.Net.Dns only asks /etc/resolv.conf's servers).</summary>
public sealed class DotnetClientTests
{
    private static LookupClient Client(IPEndPoint server, bool tcp = false) => new(new LookupClientOptions(server)
    {
        UseCache = false,
        Retries = 0,
        Timeout = TimeSpan.FromSeconds(5),
        UseTcpOnly = tcp,
        ThrowDnsErrors = false,
    });

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task It_reads_a_cluster_answer(bool tcp)
    {
        await using var server = TestCluster.Start(TestCluster.NoLookups());

        var reply = await Client(server.EndPoint, tcp).QueryAsync("web.shop.svc.cluster.local", QueryType.A);

        Assert.False(reply.HasError, reply.ErrorMessage);
        Assert.True(reply.Header.HasAuthorityAnswer);
        Assert.Equal(["10.1.0.7", "10.1.0.8"], reply.Answers.ARecords().Select(record => record.Address.ToString()).Order());
        Assert.All(reply.Answers, record => Assert.Equal(5, record.InitialTimeToLive));
    }

    [Fact]
    public async Task It_reads_an_empty_answer_and_its_SOA()
    {
        await using var server = TestCluster.Start(TestCluster.NoLookups());

        var reply = await Client(server.EndPoint).QueryAsync("orders.shop", QueryType.AAAA);

        Assert.Equal(DnsHeaderResponseCode.NoError, reply.Header.ResponseCode);
        Assert.Empty(reply.Answers);
        var soa = Assert.IsType<SoaRecord>(Assert.Single(reply.Authorities));
        Assert.Equal(("cluster.local.", "ns.dns.cluster.local.", "hostmaster.cluster.local.", 5u), (soa.DomainName.Value, soa.MName.Value, soa.RName.Value, soa.Minimum));
    }

    [Fact]
    public async Task It_reads_NXDOMAIN()
    {
        await using var server = TestCluster.Start(TestCluster.NoLookups());

        var reply = await Client(server.EndPoint).QueryAsync("nothing.shop", QueryType.A);

        Assert.Equal(DnsHeaderResponseCode.NotExistentDomain, reply.Header.ResponseCode);
        Assert.IsType<SoaRecord>(Assert.Single(reply.Authorities));
    }
}
