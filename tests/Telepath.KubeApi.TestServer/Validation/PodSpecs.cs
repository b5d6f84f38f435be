using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Storage;

namespace Telepath.KubeApi.TestServer.Validation;

/// <summary>Finds the pod spec inside pods and workloads, with the field path errors must name.</summary>
public static class PodSpecs
{
    public static (JsonObject Spec, string Path)? Find(ResourceType type, JsonObject obj)
    {
        var path = type == ResourceCatalog.Pods ? "spec"
            : type == ResourceCatalog.Deployments || type == ResourceCatalog.ReplicaSets || type == ResourceCatalog.StatefulSets
                ? "spec.template.spec"
                : null;
        return path is not null && obj.At(path) is JsonObject spec ? (spec, path) : null;
    }

    public static IEnumerable<(JsonObject Container, string Path)> Containers(JsonObject spec, string specPath)
    {
        foreach (var list in new[] { "initContainers", "containers" })
        {
            var i = 0;
            foreach (var c in spec.Array(list))
            {
                if (c is JsonObject container)
                {
                    yield return (container, $"{specPath}.{list}[{i}]");
                }

                i++;
            }
        }
    }
}
