using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Storage;

namespace Telepath.Network.ClusterHost.KubeProxy;

/// <summary>
/// kube-proxy's job, reduced: each Service port with a ClusterIP goes to a running pod the Service
/// selects (the first; load balancing is not what the tests look at), as nftables DNAT rules.
/// </summary>
internal static class ServiceRules
{
    public const string Table = "kubeproxy";

    /// <summary>An <c>nft -f</c> script that replaces the whole table at once.</summary>
    public static string Script(ObjectStore store)
    {
        var rules = new StringBuilder();
        var pods = store.List(ResourceCatalog.Pods, null).Items.Where(Running).ToList();
        foreach (var service in store.List(ResourceCatalog.Services, null).Items)
        {
            if (service.At("spec.clusterIP")?.GetValue<string>() is not { } clusterIp || clusterIp == "None"
                || JsonPaths.StringMap(service.At("spec.selector")) is not { Count: > 0 } selector)
            {
                continue;
            }

            var pod = pods.FirstOrDefault(p => p.Namespace() == service.Namespace() && selector.All(s => p.Labels().GetValueOrDefault(s.Key) == s.Value));
            if (pod is null)
            {
                continue;
            }

            foreach (var port in service.Array("spec.ports").OfType<JsonObject>())
            {
                if (TargetPort(port, pod) is { } target)
                {
                    rules.Append(CultureInfo.InvariantCulture, $"    ip daddr {clusterIp} tcp dport {port.Long("port")} dnat to {pod.At("status.podIP")}:{target}\n");
                }
            }
        }

        var body = rules.ToString();
        return $$"""
            table ip {{Table}}
            delete table ip {{Table}}
            table ip {{Table}} {
              chain prerouting {
                type nat hook prerouting priority dstnat; policy accept;
            {{body}}  }
              chain output {
                type nat hook output priority -100; policy accept;
            {{body}}  }
            }

            """;
    }

    private static bool Running(JsonObject pod) =>
        pod.At("status.phase")?.GetValue<string>() == "Running" && pod.At("status.podIP") is not null && pod.Metadata()["deletionTimestamp"] is null;

    // A number, or the name of one of the pod's container ports.
    private static long? TargetPort(JsonObject servicePort, JsonObject pod)
    {
        var target = servicePort["targetPort"] ?? servicePort["port"];
        if (target is JsonValue value && value.TryGetValue<long>(out var number))
        {
            return number;
        }

        var name = target?.GetValue<string>();
        return pod.Array("spec.containers").OfType<JsonObject>()
            .SelectMany(c => c.Array("ports").OfType<JsonObject>())
            .FirstOrDefault(p => p.Str("name") == name)?.Long("containerPort");
    }
}
