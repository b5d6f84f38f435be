using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Telepath.Daemon.Outbound.Dns;
using Telepath.Protocol.Manager;

namespace Telepath.Daemon.Tests.Outbound.Dns;

/// <summary>A cluster view as the manager sends it, and servers on loopback port 0 that answer from it.</summary>
internal static class TestCluster
{
    public static ClusterInfo Info(string domain = "cluster.local", params (string Name, string[] Addresses)[] records)
    {
        var info = new ClusterInfo { HasView = true, ClusterDomain = domain, Namespaces = { "shop", "default" } };
        foreach (var (name, addresses) in records.Length > 0 ? records : Records)
        {
            info.Records.Add(new DnsRecord { Name = name, Addresses = { addresses } });
        }

        return info;
    }

    public static readonly (string Name, string[] Addresses)[] Records =
    [
        ("orders.shop.svc.cluster.local", ["10.96.0.10"]),
        ("web.shop.svc.cluster.local", ["10.1.0.7", "10.1.0.8"]),
        ("web-0.web.shop.svc.cluster.local", ["10.1.0.7"]),
        ("web-1.web.shop.svc.cluster.local", ["10.1.0.8"]),
        ("10-1-0-7.shop.pod.cluster.local", ["10.1.0.7"]),
        ("dual.shop.svc.cluster.local", ["10.96.0.11", "fd00::11"]),
        ("v6only.shop.svc.cluster.local", ["fd00::12"]),
        ("api.default.svc.cluster.local", ["10.96.0.20"]),
    ];

    public static DnsServer Start(
        IClusterLookup lookup, ClusterInfo? info = null, IReadOnlyList<IPEndPoint>? upstreams = null, TimeProvider? time = null, TimeSpan? upstreamTimeout = null)
    {
        var options = new DnsServerOptions(new IPEndPoint(IPAddress.Loopback, 0), upstreams ?? [])
        {
            Time = time ?? TimeProvider.System,
            UpstreamTimeout = upstreamTimeout ?? TimeSpan.FromSeconds(2),
        };
        var server = DnsServer.Start(options, lookup, NullLogger.Instance, CancellationToken.None);
        server.Update(info ?? Info(), "shop");
        return server;
    }

    public static CountingLookup NoLookups() => new(new Dictionary<string, IPAddress[]>());
}
