using System.Net;

namespace Telepath.Daemon.Outbound.RootHelper;

/// <summary>How the kernel answered a route lookup for one address.</summary>
public enum RouteAnswer
{
    /// <summary>A route leads there: <see cref="RouteLookup.Matched"/> is the whole prefix it covers.</summary>
    Route,

    /// <summary>No route at all: connect() fails with "Network is unreachable".</summary>
    NoRoute,

    /// <summary>A route that refuses on purpose (unreachable, prohibit, blackhole): someone decided, so it counts as a route.</summary>
    Refused,
}

/// <param name="Matched">The route the kernel chose, as a prefix; meaningful for <see cref="RouteAnswer.Route"/> only.</param>
/// <param name="Device">The link that route leads through.</param>
public readonly record struct RouteLookup(RouteAnswer Answer, IPNetwork Matched = default, string Device = "")
{
    public static RouteLookup None { get; } = new(RouteAnswer.NoRoute);

    public static RouteLookup Refusing { get; } = new(RouteAnswer.Refused);
}
