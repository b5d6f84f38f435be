using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Storage;
using Telepath.KubeApi.TestServer.Validation.Formats;

namespace Telepath.KubeApi.TestServer.Validation;

/// <summary>
/// A pod's volumes: each has a DNS-1123 label for a name, unique in the pod, and exactly one
/// source; a Secret source names its Secret.
/// </summary>
public sealed class VolumeRule : IValidationRule
{
    public IEnumerable<FieldError> Validate(ResourceType type, JsonObject obj, JsonObject? old)
    {
        if (PodSpecs.Find(type, obj) is not var (spec, path))
        {
            yield break;
        }

        var names = new HashSet<string>();
        var i = 0;
        foreach (var volume in spec.Array("volumes").OfType<JsonObject>())
        {
            var at = $"{path}.volumes[{i++}]";
            var sources = volume.Where(p => p.Key != "name" && p.Value is not null).Select(p => p.Key).ToList();
            if (sources.Count == 0)
            {
                yield return FieldError.Required(at, "must specify a volume type");
            }

            foreach (var extra in sources.Skip(1))
            {
                yield return new FieldError($"{at}.{extra}", "FieldValueForbidden", "Forbidden: may not specify more than 1 volume type");
            }

            if (volume["secret"] is JsonObject secret && string.IsNullOrEmpty(secret.Str("secretName")))
            {
                yield return FieldError.Required($"{at}.secret.secretName");
            }

            var name = volume.Str("name") ?? "";
            if (name.Length == 0)
            {
                yield return FieldError.Required($"{at}.name");
            }

            foreach (var error in FieldError.InvalidEach($"{at}.name", name, name.Length == 0 ? [] : DnsNames.Label(name)))
            {
                yield return error;
            }

            if (name.Length > 0 && !names.Add(name))
            {
                yield return FieldError.Duplicate($"{at}.name", name);
            }
        }
    }
}
