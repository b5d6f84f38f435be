using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Storage;

namespace Telepath.KubeApi.TestServer.Defaulting;

/// <summary>
/// networking/v1 SetDefaults_NetworkPolicy and _NetworkPolicyPort: a policy without policyTypes is
/// for Ingress, and for Egress too when it has egress rules; a port's protocol is TCP.
/// </summary>
public sealed class NetworkPolicyDefaults : IDefaulter
{
    public void Apply(ResourceType type, JsonObject obj, JsonObject? old)
    {
        if (type != ResourceCatalog.NetworkPolicies)
        {
            return;
        }

        var spec = obj.Child("spec");
        spec.Child("podSelector");
        if (spec.Array("policyTypes").Count == 0)
        {
            spec["policyTypes"] = spec.Array("egress").Count > 0 ? new JsonArray("Ingress", "Egress") : new JsonArray("Ingress");
        }

        foreach (var port in spec.Array("ingress").Concat(spec.Array("egress")).SelectMany(rule => rule.Array("ports")).OfType<JsonObject>())
        {
            port.Set("protocol", "TCP");
        }
    }
}
