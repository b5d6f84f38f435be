using System.Net;

namespace Telepath.Daemon.Outbound.Dns;

/// <param name="Listen">Where to answer, UDP and TCP on the same port (port 0 picks one; see <see cref="DnsServer.EndPoint"/>).</param>
/// <param name="Upstreams">The laptop's own nameservers (<see cref="ResolvConf.ReadNameservers"/>, read before our block is written), tried in order.</param>
public sealed record DnsServerOptions(IPEndPoint Listen, IReadOnlyList<IPEndPoint> Upstreams)
{
    /// <summary>How long one nameserver has to answer before the next is tried.</summary>
    public TimeSpan UpstreamTimeout { get; init; } = UpstreamForwarder.DefaultTimeout;

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
