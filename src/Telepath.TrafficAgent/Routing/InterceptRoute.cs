using Telepath.TrafficAgent.Routing.Conditions;

namespace Telepath.TrafficAgent.Routing;

/// <summary>One intercept, compiled for matching requests against it.</summary>
internal sealed class InterceptRoute(
    string id,
    string name,
    string clientName,
    string targetHost,
    int targetPort,
    IReadOnlyList<IRequestCondition> conditions,
    bool mirror = false,
    long mirrorBodyLimit = InterceptRoute.DefaultMirrorBodyLimit)
{
    /// <summary>A mirror copies this many bytes of a request body unless its spec says otherwise: 1 MiB.</summary>
    public const long DefaultMirrorBodyLimit = 1 << 20;

    public string Id { get; } = id;

    public string Name { get; } = name;

    /// <summary>"user@host" of the laptop that holds the intercept.</summary>
    public string ClientName { get; } = clientName;

    /// <summary>Where the client dials on its laptop, e.g. 127.0.0.1:8080.</summary>
    public string TargetAddress { get; } = targetHost.Contains(':') ? $"[{targetHost}]:{targetPort}" : $"{targetHost}:{targetPort}";

    public IReadOnlyList<IRequestCondition> Conditions { get; } = conditions;

    /// <summary>A global intercept takes whole TCP connections, whatever protocol they carry.</summary>
    public bool IsGlobal => !IsMirror && Conditions.Count == 0;

    /// <summary>A mirror takes no request: it gets a copy of each one it matches (Mirroring/Mirrors).</summary>
    public bool IsMirror { get; } = mirror;

    /// <summary>Bytes of a request body a mirror's copy carries; longer bodies are cut and marked.</summary>
    public long MirrorBodyLimit { get; } = mirrorBodyLimit > 0 ? mirrorBodyLimit : DefaultMirrorBodyLimit;

    /// <summary>
    /// The URL the forwarder addresses. The tunnel decides where bytes go; this only names the target
    /// for the connection pool and for requests that carry no Host header.
    /// </summary>
    public string DestinationPrefix => $"http://{TargetAddress}";

    public bool Matches(IRequestView request)
    {
        foreach (var condition in Conditions)
        {
            if (!condition.Matches(request))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The first condition the request fails, described without values; null when all match.</summary>
    public string? FirstMismatch(IRequestView request)
    {
        foreach (var condition in Conditions)
        {
            if (!condition.Matches(request))
            {
                return condition.DescribeMismatch();
            }
        }

        return null;
    }

    public override string ToString() => $"{Name} ({(IsMirror ? "mirror" : IsGlobal ? "global" : "personal")})";
}
