using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Discovery;

namespace Telepath.KubeApi.TestServer.Defaulting;

/// <summary>apps/v1 defaults for Deployments, ReplicaSets and StatefulSets.</summary>
public sealed class WorkloadDefaults : IDefaulter
{
    public void Apply(ResourceType type, JsonObject obj, JsonObject? old)
    {
        if (type != ResourceCatalog.Deployments && type != ResourceCatalog.ReplicaSets && type != ResourceCatalog.StatefulSets)
        {
            return;
        }

        var spec = obj.Child("spec");
        spec.Set("replicas", 1);
        if (type == ResourceCatalog.Deployments)
        {
            spec.Set("strategy", new JsonObject
            {
                ["type"] = "RollingUpdate",
                ["rollingUpdate"] = new JsonObject { ["maxUnavailable"] = "25%", ["maxSurge"] = "25%" },
            });
            spec.Set("revisionHistoryLimit", 10);
            spec.Set("progressDeadlineSeconds", 600);
        }
        else if (type == ResourceCatalog.StatefulSets)
        {
            spec.Set("podManagementPolicy", "OrderedReady");
            spec.Set("updateStrategy", new JsonObject
            {
                ["type"] = "RollingUpdate",
                ["rollingUpdate"] = new JsonObject { ["partition"] = 0 },
            });
            spec.Set("revisionHistoryLimit", 10);
        }

        spec.Child("template").Child("metadata").Set("creationTimestamp", null!);
    }
}
