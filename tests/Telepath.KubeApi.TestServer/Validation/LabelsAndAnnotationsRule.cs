using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Storage;
using Telepath.KubeApi.TestServer.Validation.Formats;

namespace Telepath.KubeApi.TestServer.Validation;

/// <summary>
/// Label keys and values, annotation keys, and the 256 KiB the annotations may hold together, on
/// the object and on its pod template. The total matters to Telepath: it saves a workload's whole
/// pod template in an annotation.
/// </summary>
public sealed class LabelsAndAnnotationsRule : IValidationRule
{
    private const int AnnotationBytes = 256 * 1024;

    public IEnumerable<FieldError> Validate(ResourceType type, JsonObject obj, JsonObject? old)
    {
        var errors = Check(obj["metadata"], "metadata");
        if (PodSpecs.Find(type, obj) is { Path: "spec.template.spec" })
        {
            errors = errors.Concat(Check(obj.At("spec.template.metadata"), "spec.template.metadata"));
        }

        return errors;
    }

    private static IEnumerable<FieldError> Check(JsonNode? metadata, string path)
    {
        foreach (var (key, value) in Strings(metadata?["labels"]))
        {
            foreach (var error in FieldError.InvalidEach($"{path}.labels", key, QualifiedNames.QualifiedName(key)))
            {
                yield return error;
            }

            foreach (var error in FieldError.InvalidEach($"{path}.labels", value, QualifiedNames.LabelValue(value)))
            {
                yield return error;
            }
        }

        var annotations = Strings(metadata?["annotations"]).ToList();
        foreach (var (key, _) in annotations)
        {
            // Annotation keys are qualified names in any case.
            foreach (var error in FieldError.InvalidEach($"{path}.annotations", key, QualifiedNames.QualifiedName(key.ToLowerInvariant())))
            {
                yield return error;
            }
        }

        // Go's len() counts bytes, not characters.
        if (annotations.Sum(a => (long)System.Text.Encoding.UTF8.GetByteCount(a.Key) + System.Text.Encoding.UTF8.GetByteCount(a.Value)) > AnnotationBytes)
        {
            yield return FieldError.TooLong($"{path}.annotations", AnnotationBytes);
        }
    }

    private static IEnumerable<(string Key, string Value)> Strings(JsonNode? map) =>
        map is JsonObject o
            ? o.Select(p => (p.Key, p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : p.Value?.ToJsonString() ?? ""))
            : [];
}
