using System.Net;
using k8s.Models;

namespace Telepath.TrafficManager.Cluster;

/// <summary>
/// The DNS names cluster DNS (CoreDNS's kubernetes plugin) serves, computed from Services and Pods:
/// SERVICE.NS.svc.DOMAIN, HOSTNAME.SUBDOMAIN.NS.svc.DOMAIN and A-B-C-D.NS.pod.DOMAIN.
/// </summary>
internal static class ClusterRecords
{
    public static SortedDictionary<string, List<string>> Build(string domain, IReadOnlyCollection<V1Service> services, IReadOnlyCollection<V1Pod> pods)
    {
        var records = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        var headless = new HashSet<(string Namespace, string Name)>();
        foreach (var service in services)
        {
            var ns = service.Namespace() ?? "default";
            var name = Name(service.Name(), ns, "svc", domain);
            // ExternalName Services are CNAMEs to names outside the cluster; the laptop resolves those itself.
            if (service.Spec?.Type == "ExternalName")
            {
                continue;
            }

            if (IsHeadless(service))
            {
                headless.Add((ns, service.Name()));
                Add(records, name, pods.Where(pod => pod.Namespace() == ns && IsReady(pod) && Selects(service, pod)).SelectMany(PodAddresses));
            }
            else
            {
                Add(records, name, ClusterIps(service));
            }
        }

        foreach (var pod in pods.Where(IsRunning))
        {
            var ns = pod.Namespace() ?? "default";
            var addresses = PodAddresses(pod).ToList();
            foreach (var address in addresses)
            {
                Add(records, Name(address.Replace('.', '-').Replace(':', '-'), ns, "pod", domain), [address]);
            }

            // A pod's own name exists only under a headless Service named like its subdomain (StatefulSets).
            if (pod.Spec?.Hostname is { Length: > 0 } hostname && pod.Spec.Subdomain is { Length: > 0 } subdomain
                && headless.Contains((ns, subdomain)) && IsReady(pod))
            {
                Add(records, Name($"{hostname}.{subdomain}", ns, "svc", domain), addresses);
            }
        }

        return records;
    }

    public static IEnumerable<IPAddress> ClusterIps(V1Service service)
    {
        var ips = service.Spec?.ClusterIPs is { Count: > 0 } all ? all : [service.Spec?.ClusterIP ?? ""];
        foreach (var ip in ips)
        {
            if (IPAddress.TryParse(ip, out var address))
            {
                yield return address;
            }
        }
    }

    public static IEnumerable<string> PodAddresses(V1Pod pod)
    {
        var ips = pod.Status?.PodIPs is { Count: > 0 } all ? all.Select(ip => ip.Ip) : [pod.Status?.PodIP ?? ""];
        return ips.Where(ip => IPAddress.TryParse(ip, out _));
    }

    public static bool IsRunning(V1Pod pod) => pod.Status?.Phase == "Running" && pod.Metadata?.DeletionTimestamp is null;

    private static bool IsReady(V1Pod pod) =>
        IsRunning(pod) && pod.Status?.Conditions?.Any(condition => condition.Type == "Ready" && condition.Status == "True") == true;

    private static bool IsHeadless(V1Service service) => service.Spec?.ClusterIP == "None";

    // A headless Service without a selector has hand-made endpoints, which the manager does not watch.
    private static bool Selects(V1Service service, V1Pod pod) =>
        service.Spec?.Selector is { Count: > 0 } selector
        && selector.All(label => pod.Metadata?.Labels?.TryGetValue(label.Key, out var value) == true && value == label.Value);

    private static string Name(string first, string ns, string kind, string domain) => $"{first}.{ns}.{kind}.{domain}".ToLowerInvariant();

    private static void Add(SortedDictionary<string, List<string>> records, string name, IEnumerable<IPAddress> addresses) =>
        Add(records, name, addresses.Select(address => address.ToString()));

    private static void Add(SortedDictionary<string, List<string>> records, string name, IEnumerable<string> addresses)
    {
        if (!records.TryGetValue(name, out var list))
        {
            records[name] = list = [];
        }

        list.AddRange(addresses.Where(address => !list.Contains(address)));
    }
}
