using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Storage;

namespace Telepath.KubeApi.TestServer.Defaulting;

/// <summary>Service defaults, including a cluster IP from 10.96.0.0/12 that stays with the service.</summary>
public sealed class ServiceDefaults : IDefaulter
{
    private int next = 10;

    public void Apply(ResourceType type, JsonObject obj, JsonObject? old)
    {
        if (type != ResourceCatalog.Services)
        {
            return;
        }

        var spec = obj.Child("spec");
        spec.Set("type", "ClusterIP");
        spec.Set("sessionAffinity", "None");
        spec.Set("internalTrafficPolicy", "Cluster");
        spec.Set("ipFamilies", new JsonArray("IPv4"));
        spec.Set("ipFamilyPolicy", "SingleStack");
        if (spec.Str("clusterIP") == "None")
        {
            // A headless Service: the API server mirrors "None" into clusterIPs.
            spec["clusterIPs"] = new JsonArray("None");
        }
        else if (spec.Str("clusterIP") is null)
        {
            var ip = old?.At("spec.clusterIP")?.GetValue<string>() ?? Allocate();
            spec["clusterIP"] = ip;
            spec["clusterIPs"] = new JsonArray(ip);
        }

        foreach (var port in spec.Array("ports").OfType<JsonObject>())
        {
            port.Set("protocol", "TCP");
            port.Set("targetPort", port["port"]?.DeepClone()!);
        }

        obj.Child("status").Set("loadBalancer", new JsonObject());
    }

    private string Allocate()
    {
        var n = Interlocked.Increment(ref next);
        return $"10.96.{n / 250}.{n % 250 + 1}";
    }
}
