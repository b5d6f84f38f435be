using Microsoft.Extensions.Logging;

namespace Telepath.Daemon.Outbound.Dns;

internal static partial class Log
{
    [LoggerMessage(90, LogLevel.Information, "DNS server for the cluster's names listening on {Address} (udp and tcp), forwarding other names to {Upstreams}")]
    public static partial void DnsListening(ILogger logger, string address, string upstreams);

    [LoggerMessage(91, LogLevel.Information, "DNS server on {Address} stopped")]
    public static partial void DnsStopped(ILogger logger, string address);

    [LoggerMessage(92, LogLevel.Debug, "Nameserver {Server} did not answer: {Reason}")]
    public static partial void UpstreamDidNotAnswer(ILogger logger, string server, string reason);

    [LoggerMessage(93, LogLevel.Warning, "The cluster could not be asked about {Name}; the client gets SERVFAIL")]
    public static partial void ClusterLookupFailed(ILogger logger, string name, Exception exception);

    [LoggerMessage(94, LogLevel.Error, "A DNS query could not be answered")]
    public static partial void QueryFailed(ILogger logger, Exception exception);

    [LoggerMessage(95, LogLevel.Debug, "DNS client over TCP went away: {Reason}")]
    public static partial void TcpClientGone(ILogger logger, string reason);
}
