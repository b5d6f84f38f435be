using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Telepath.Daemon.Outbound.Dns.Wire;

namespace Telepath.Daemon.Outbound.Dns;

/// <summary>Turns one query packet into its answer packet: the cluster's names from the view or the cluster, the rest from upstream.</summary>
internal sealed class DnsResolver(Func<ClusterNames> names, ClusterLookupCache cluster, UpstreamForwarder upstream, ILogger logger)
{
    public const int TcpLimit = ushort.MaxValue;

    /// <returns>The answer; null for a packet that gets none (not a query).</returns>
    public async Task<byte[]?> AnswerAsync(ReadOnlyMemory<byte> packet, bool overTcp, CancellationToken cancellationToken)
    {
        var parsed = DnsQueryParser.Parse(packet.Span);
        if (parsed.Drop)
        {
            return null;
        }

        if (parsed.Query is not { } query)
        {
            return DnsResponseWriter.Refusal(parsed.Id, parsed.Refusal);
        }

        var limit = overTcp ? TcpLimit : Math.Min(query.MaxUdpSize, TcpLimit);
        var view = names();
        var name = IsClusterClass(query) ? view.Classify(query.Name) : ClusterName.NotCluster;
        if (!name.IsCluster)
        {
            var forwarded = await upstream.ForwardAsync(packet, limit, cancellationToken).ConfigureAwait(false);
            return forwarded ?? DnsResponseWriter.Write(query, DnsAnswer.Failure(DnsResponseCode.ServerFailure), limit);
        }

        var addresses = name.Known;
        if (addresses is null)
        {
            try
            {
                addresses = await cluster.ResolveAsync(name.FullName!, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                Log.ClusterLookupFailed(logger, name.FullName!, e);
                return DnsResponseWriter.Write(query, DnsAnswer.Failure(DnsResponseCode.ServerFailure), limit);
            }

            if (addresses.Length == 0)
            {
                return DnsResponseWriter.Write(query, new DnsAnswer(DnsResponseCode.NameError, [], view.Domain, true), limit);
            }
        }

        // A name without addresses of the asked family exists: NOERROR with nothing (and the SOA, so it is cached),
        // at once, so a client asking A and AAAA side by side does not wait on the AAAA.
        var matching = addresses.Where(address => Wanted(query.Type, address)).ToArray();
        var answer = new DnsAnswer(DnsResponseCode.NoError, matching, matching.Length == 0 ? view.Domain : null, true);
        return DnsResponseWriter.Write(query, answer, limit);
    }

    /// <summary>Only IN-class names are the cluster's; a label holding a dot would be misread as two, so it is not either.</summary>
    private static bool IsClusterClass(DnsQuery query) =>
        query.Class == DnsType.ClassInternet && !query.Labels.Any(label => label.Contains('.', StringComparison.Ordinal));

    private static bool Wanted(ushort type, IPAddress address) => type switch
    {
        DnsType.A => address.AddressFamily == AddressFamily.InterNetwork,
        DnsType.Aaaa => address.AddressFamily == AddressFamily.InterNetworkV6,
        DnsType.Any => true,
        _ => false,
    };
}
