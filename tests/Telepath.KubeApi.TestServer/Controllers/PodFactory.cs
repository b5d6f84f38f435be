using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Storage;

namespace Telepath.KubeApi.TestServer.Controllers;

/// <summary>Makes a pod from a workload's template, owned by the workload.</summary>
internal static class PodFactory
{
    public static JsonObject FromTemplate(JsonObject owner, string name, IReadOnlyDictionary<string, string>? extraLabels = null)
    {
        var template = owner.At("spec.template") as JsonObject ?? new JsonObject();
        var metadata = (template["metadata"] as JsonObject)?.DeepClone() as JsonObject ?? new JsonObject();
        metadata.Remove("creationTimestamp");
        metadata["name"] = name;
        metadata["namespace"] = owner.Namespace();
        if (extraLabels is not null)
        {
            var labels = metadata["labels"] as JsonObject ?? new JsonObject();
            foreach (var (key, value) in extraLabels)
            {
                labels[key] = value;
            }

            metadata["labels"] = labels;
        }

        metadata["ownerReferences"] = Owners.ControllerReference(owner);
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = metadata,
            ["spec"] = template["spec"]?.DeepClone(),
        };
    }
}
