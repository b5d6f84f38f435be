using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Storage;

namespace Telepath.KubeApi.TestServer.Validation;

/// <summary>
/// A workload's selector is required, must select its own template, and cannot change after
/// creation (apps/v1), which is what makes selector edits a real hazard for agent injection.
/// </summary>
public sealed class WorkloadSelectorRule : IValidationRule
{
    public IEnumerable<FieldError> Validate(ResourceType type, JsonObject obj, JsonObject? old)
    {
        if (type != ResourceCatalog.Deployments && type != ResourceCatalog.ReplicaSets && type != ResourceCatalog.StatefulSets)
        {
            yield break;
        }

        if (obj.At("spec.selector") is not JsonObject selector)
        {
            yield return FieldError.Required("spec.selector");
            yield break;
        }

        var labels = JsonPaths.StringMap(obj.At("spec.template.metadata.labels"));
        if (!LabelSelector.FromJson(selector).Matches(labels))
        {
            yield return new FieldError("spec.template.metadata.labels", "FieldValueInvalid",
                $"Invalid value: {GoMap(labels)}: `selector` does not match template `labels`");
        }

        if (old?.At("spec.selector") is JsonNode oldSelector && !JsonPaths.SameJson(oldSelector, selector))
        {
            yield return new FieldError("spec.selector", "FieldValueInvalid",
                $"Invalid value: v1.LabelSelector{{MatchLabels:{GoMap(JsonPaths.StringMap(selector["matchLabels"]))}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}}: field is immutable");
        }
    }

    // How Go's %#v prints map[string]string, which is what the real message contains.
    private static string GoMap(IReadOnlyDictionary<string, string> map) =>
        "map[string]string{" + string.Join(", ", map.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"\"{p.Key}\":\"{p.Value}\"")) + "}";
}
