using System.Net;
using Microsoft.Extensions.Time.Testing;
using Telepath.Testing.Polling;

namespace Telepath.Daemon.Tests.Outbound.Dns;

/// <summary>The cluster lookup behind the view is asked once for a burst, again only when its answer expired.</summary>
public sealed class FallbackCacheTests
{
    private static CountingLookup Lookup() => new(new Dictionary<string, IPAddress[]>
    {
        ["late.shop.svc.cluster.local"] = [IPAddress.Parse("10.96.0.99")],
    });

    [Fact]
    public async Task A_burst_of_queries_for_one_name_makes_one_lookup()
    {
        var lookup = Lookup();
        lookup.Hold();
        await using var server = TestCluster.Start(lookup, time: new FakeTimeProvider());

        var burst = Enumerable.Range(0, 8)
            .Select(index => Dig.QueryAsync(server.EndPoint, "late.shop", index % 2 == 0 ? "A" : "AAAA", index % 4 < 2 ? "+notcp" : "+tcp"))
            .ToArray();
        await Poll.UntilAsync(
            () => Task.FromResult(lookup.Asked.Count > 0), () => "the lookup was never called");
        lookup.Release();
        var replies = await Task.WhenAll(burst);
        var later = await Dig.QueryAsync(server.EndPoint, "late.shop.svc.cluster.local");

        Assert.All(replies, reply => Assert.Equal("NOERROR", reply.Status));
        Assert.Equal(["10.96.0.99"], later.Addresses);
        Assert.Equal(["late.shop.svc.cluster.local"], lookup.Asked);
    }

    [Theory]
    [InlineData("late.shop", 5)]
    [InlineData("nothing.shop", 2)]
    public async Task An_answer_is_asked_for_again_once_its_time_is_up(string name, int seconds)
    {
        var lookup = Lookup();
        var time = new FakeTimeProvider();
        await using var server = TestCluster.Start(lookup, time: time);

        await Dig.QueryAsync(server.EndPoint, name);
        time.Advance(TimeSpan.FromSeconds(seconds) - TimeSpan.FromMilliseconds(1));
        await Dig.QueryAsync(server.EndPoint, name);
        var cachedCalls = lookup.Asked.Count;
        time.Advance(TimeSpan.FromMilliseconds(1));
        await Dig.QueryAsync(server.EndPoint, name);

        Assert.Equal((1, 2), (cachedCalls, lookup.Asked.Count));
    }

    [Fact]
    public async Task A_failed_lookup_is_not_cached()
    {
        var lookup = new CountingLookup(new Dictionary<string, IPAddress[]>()) { Failure = new InvalidOperationException("manager gone") };
        await using var server = TestCluster.Start(lookup, time: new FakeTimeProvider());

        await Dig.QueryAsync(server.EndPoint, "nothing.shop");
        await Dig.QueryAsync(server.EndPoint, "nothing.shop");

        Assert.Equal(2, lookup.Asked.Count);
    }
}
