using Telepath.Protocol.Manager;
using Telepath.TrafficManager.Intercepts;
using Telepath.TrafficManager.Watching;

namespace Telepath.TrafficManager.Tests.Watching;

/// <summary>Who sees which requests in <c>telepath watch</c> (docs/protocol.md, "Request log").</summary>
public sealed class RequestFilterTests
{
    private static readonly InterceptPlace Mine = new("id-mine", "orders", "default");
    private static readonly InterceptPlace Theirs = new("id-theirs", "orders", "default");

    [Fact]
    public void By_default_a_watcher_sees_its_own_intercepts_requests_and_the_unmatched_ones_of_their_workloads()
    {
        var filter = new RequestFilter(All: false, Only: null, Owned: [Mine]);

        Assert.True(filter.Admits(Event("orders", Mine.Id)));
        Assert.True(filter.Admits(Event("orders", "")));
        Assert.False(filter.Admits(Event("orders", Theirs.Id)));
        Assert.False(filter.Admits(Event("billing", "")));
        Assert.False(filter.Admits(Event("orders", "", ns: "staging")));
    }

    [Fact]
    public void A_watcher_without_intercepts_sees_nothing_by_default()
    {
        var filter = new RequestFilter(All: false, Only: null, Owned: []);

        Assert.False(filter.Admits(Event("orders", "")));
        Assert.False(filter.CoversWorkload("orders", "default"));
    }

    [Fact]
    public void All_shows_every_request_of_every_workload()
    {
        var filter = new RequestFilter(All: true, Only: null, Owned: []);

        Assert.True(filter.Admits(Event("orders", Theirs.Id)));
        Assert.True(filter.Admits(Event("billing", "")));
        Assert.True(filter.CoversWorkload("billing", "default"));
    }

    [Fact]
    public void A_named_intercept_narrows_to_its_workload()
    {
        var filter = new RequestFilter(All: true, Only: Theirs, Owned: []);

        Assert.True(filter.Admits(Event("orders", "")));
        Assert.False(filter.Admits(Event("billing", "")));
        Assert.False(filter.CoversWorkload("billing", "default"));
    }

    private static RequestEvent Event(string workload, string interceptId, string ns = "default") =>
        new() { Workload = workload, Namespace = ns, InterceptId = interceptId, Method = "GET", Path = "/" };
}
