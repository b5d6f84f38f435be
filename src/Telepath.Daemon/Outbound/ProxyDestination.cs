namespace Telepath.Daemon.Outbound;

/// <summary>Where a proxy client wants to go: a name (resolved by the manager, in the cluster) or an address, and a port.</summary>
public sealed record ProxyDestination(string Host, int Port)
{
    public override string ToString() => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
