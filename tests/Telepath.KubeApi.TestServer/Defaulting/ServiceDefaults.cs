using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Storage;

namespace Telepath.KubeApi.TestServer.Defaulting;

/// <summary>
/// Service defaults. The cluster IP and its families are not defaults but the Service storage's
/// allocation (<see cref="Allocation.ClusterIpAllocator"/>), which runs after these.
/// </summary>
public sealed class ServiceDefaults : IDefaulter
{
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
        foreach (var port in spec.Array("ports").OfType<JsonObject>())
        {
            port.Set("protocol", "TCP");
            port.Set("targetPort", port["port"]?.DeepClone()!);
        }

        obj.Child("status").Set("loadBalancer", new JsonObject());
    }
}
