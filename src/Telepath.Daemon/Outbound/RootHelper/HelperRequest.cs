namespace Telepath.Daemon.Outbound.RootHelper;

/// <summary>
/// One line the daemon sends the network helper. Every field is optional on the wire so that a bad
/// request is answered with a line saying what is wrong rather than a parse failure.
/// </summary>
public sealed record HelperRequest(
    string? Op,
    IReadOnlyList<string>? ClusterRanges = null,
    IReadOnlyList<string>? NeverRanges = null,
    int? ProxyPort = null,
    int? DnsPort = null,
    string? DnsAddress = null,
    IReadOnlyList<string>? SearchDomains = null,
    IReadOnlyList<string>? RouteDomains = null)
{
    public const string ApplyOp = "apply";
    public const string RemoveOp = "remove";
    public const string CleanupOp = "cleanup";

    /// <summary>Redirect TCP to <paramref name="clusterRanges"/> (minus <paramref name="neverRanges"/>) to the proxy port, and DNS to the resolver.</summary>
    /// <param name="routeDomains">The domains Telepath's resolver answers (the cluster domain, each namespace), for split DNS.</param>
    public static HelperRequest Apply(
        IReadOnlyList<string> clusterRanges,
        IReadOnlyList<string> neverRanges,
        int proxyPort,
        int dnsPort,
        string dnsAddress,
        IReadOnlyList<string> searchDomains,
        IReadOnlyList<string> routeDomains) =>
        new(ApplyOp, clusterRanges, neverRanges, proxyPort, dnsPort, dnsAddress, searchDomains, routeDomains);

    public static HelperRequest Remove() => new(RemoveOp);

    public static HelperRequest Cleanup() => new(CleanupOp);
}
