using System.Net;
using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Storage;

namespace Telepath.Network.ClusterHost.Dns;

/// <summary>
/// The names CoreDNS gives a cluster, read from the store at each question:
/// SERVICE.NS.svc.cluster.local (its ClusterIP, or a headless Service's running pods) and
/// HOSTNAME.SUBDOMAIN.NS.svc.cluster.local (a StatefulSet's pod).
/// </summary>
internal static class ClusterRecords
{
    public const string Domain = "svc.cluster.local";

    /// <summary>The name's IPv4 addresses; null when the cluster does not know it.</summary>
    public static IReadOnlyList<IPAddress>? Lookup(ObjectStore store, string name)
    {
        var labels = name.TrimEnd('.').ToLowerInvariant().Split('.');
        if (!name.TrimEnd('.').EndsWith("." + Domain, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var local = labels[..^3];
        return local switch
        {
            [var service, var ns] => ServiceAddresses(store, ns, service),
            [var host, var subdomain, var ns] => PodAddresses(store, ns, host, subdomain),
            _ => null,
        };
    }

    private static IReadOnlyList<IPAddress>? ServiceAddresses(ObjectStore store, string ns, string name)
    {
        if (store.TryGet(ResourceCatalog.Services, ns, name) is not { } service)
        {
            return null;
        }

        if (service.At("spec.clusterIP")?.GetValue<string>() is { } clusterIp && clusterIp != "None")
        {
            return [IPAddress.Parse(clusterIp)];
        }

        var selector = JsonPaths.StringMap(service.At("spec.selector"));
        return RunningPods(store, ns)
            .Where(p => selector.Count > 0 && selector.All(s => p.Labels().GetValueOrDefault(s.Key) == s.Value))
            .Select(PodIp)
            .ToList();
    }

    private static IReadOnlyList<IPAddress>? PodAddresses(ObjectStore store, string ns, string host, string subdomain)
    {
        var pods = RunningPods(store, ns)
            .Where(p => p.At("spec.hostname")?.GetValue<string>() == host && p.At("spec.subdomain")?.GetValue<string>() == subdomain)
            .Select(PodIp)
            .ToList();
        return pods.Count > 0 ? pods : null;
    }

    private static IEnumerable<JsonObject> RunningPods(ObjectStore store, string ns) =>
        store.List(ResourceCatalog.Pods, ns).Items.Where(p => p.At("status.podIP") is not null && p.Metadata()["deletionTimestamp"] is null);

    private static IPAddress PodIp(JsonObject pod) => IPAddress.Parse(pod.At("status.podIP")!.GetValue<string>());
}
