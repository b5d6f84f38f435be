using Telepath.TrafficAgent.Routing.Conditions;
using Telepath.Protocol.Manager;

namespace Telepath.TrafficAgent.Routing;

/// <summary>The agent's routes at one moment: immutable, replaced as a whole when the manager sends a change.</summary>
internal sealed class RouteSnapshot
{
    public RouteSnapshot(InterceptSnapshot source, IReadOnlyList<InterceptRoute> routes)
    {
        Source = source;
        Routes = routes;
        Global = routes.FirstOrDefault(r => r.IsGlobal);
        Personal = [.. routes.Where(r => !r.IsGlobal && !r.IsMirror)];
        Mirrors = [.. routes.Where(r => r.IsMirror)];
    }

    /// <summary>No intercepts: everything goes to the app.</summary>
    public static RouteSnapshot Empty { get; } = new(new InterceptSnapshot(), []);

    /// <summary>What the manager sent, to tell a real change from a repeat.</summary>
    public InterceptSnapshot Source { get; }

    public IReadOnlyList<InterceptRoute> Routes { get; }

    /// <summary>The intercept that takes every request and every connection that is not HTTP, if there is one.</summary>
    public InterceptRoute? Global { get; }

    public IReadOnlyList<InterceptRoute> Personal { get; }

    /// <summary>Mirror intercepts: never chosen by <see cref="Match"/>, each gets a copy of the requests it matches.</summary>
    public IReadOnlyList<InterceptRoute> Mirrors { get; }

    /// <summary>The mirrors that want a copy of this request; empty (and allocation-free) when there are none.</summary>
    public IReadOnlyList<InterceptRoute> MatchMirrors(IRequestView request)
    {
        if (Mirrors.Count == 0)
        {
            return [];
        }

        List<InterceptRoute>? matched = null;
        foreach (var mirror in Mirrors)
        {
            if (mirror.Matches(request))
            {
                (matched ??= []).Add(mirror);
            }
        }

        return matched ?? (IReadOnlyList<InterceptRoute>)[];
    }

    /// <summary>
    /// The global intercept, else the first personal intercept whose conditions all match, else null for
    /// the app. A global intercept matches every request, so a keep-alive or HTTP/2 connection opened
    /// before it (or kept after it ends) moves with its next request, not with its first.
    /// </summary>
    public InterceptRoute? Match(IRequestView request)
    {
        if (Global is not null)
        {
            return Global;
        }

        foreach (var route in Personal)
        {
            if (route.Matches(request))
            {
                return route;
            }
        }

        return null;
    }

    /// <summary>Some client watches this workload's requests: the agent records them (Watching/RequestLog).</summary>
    public bool Watched => Source.Watched;

    /// <summary>
    /// Why <see cref="Match"/> gave the request to the app, for the request log: "no intercept", or per
    /// personal intercept the first condition that failed. Run again only for watched requests, so the
    /// path nobody watches pays nothing for it.
    /// </summary>
    public string ExplainNoMatch(IRequestView request)
    {
        if (Personal.Count == 0)
        {
            return "no intercept";
        }

        if (Personal.Count == 1)
        {
            return Personal[0].FirstMismatch(request) ?? "no intercept matched";
        }

        return string.Join("; ", Personal.Select(route => $"{route.Name}: {route.FirstMismatch(request) ?? "matched"}"));
    }

    public bool Contains(string interceptId) => Routes.Any(r => r.Id == interceptId);

    public override string ToString() =>
        Routes.Count == 0 ? "0 intercept(s)" : $"{Routes.Count} intercept(s): {string.Join(", ", Routes)}";
}
