using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Storage;
using Telepath.KubeApi.TestServer.Validation.Formats;

namespace Telepath.KubeApi.TestServer.Validation;

/// <summary>
/// A container's environment: names (and envFrom prefixes) are C-identifier-like, a valueFrom has
/// exactly one source and no value beside it, an envFrom names a ConfigMap or a Secret.
/// </summary>
public sealed class EnvRule : IValidationRule
{
    private const string OneValueSource = "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`";
    private static readonly string[] ValueSources = ["fieldRef", "resourceFieldRef", "configMapKeyRef", "secretKeyRef"];
    private static readonly string[] EnvFromSources = ["configMapRef", "secretRef"];

    public IEnumerable<FieldError> Validate(ResourceType type, JsonObject obj, JsonObject? old)
    {
        if (PodSpecs.Find(type, obj) is not var (spec, path))
        {
            return [];
        }

        return PodSpecs.Containers(spec, path).SelectMany(c => Env(c.Container, c.Path).Concat(EnvFrom(c.Container, c.Path)));
    }

    private static IEnumerable<FieldError> Env(JsonObject container, string at)
    {
        var i = 0;
        foreach (var variable in container.Array("env"))
        {
            var varAt = $"{at}.env[{i++}]";
            var name = variable.Str("name") ?? "";
            if (name.Length == 0)
            {
                yield return FieldError.Required($"{varAt}.name");
            }

            foreach (var error in FieldError.InvalidEach($"{varAt}.name", name, name.Length == 0 ? [] : EnvVarNames.EnvVarName(name)))
            {
                yield return error;
            }

            if (variable?["valueFrom"] is not JsonObject valueFrom)
            {
                continue;
            }

            var sources = ValueSources.Count(s => valueFrom[s] is not null);
            if (sources == 0)
            {
                yield return FieldError.Invalid($"{varAt}.valueFrom", "", OneValueSource);
            }
            else if (!string.IsNullOrEmpty(variable.Str("value")))
            {
                yield return FieldError.Invalid($"{varAt}.valueFrom", "", "may not be specified when `value` is not empty");
            }
            else if (sources > 1)
            {
                yield return FieldError.Invalid($"{varAt}.valueFrom", "", "may not have more than one field specified at a time");
            }
        }
    }

    private static IEnumerable<FieldError> EnvFrom(JsonObject container, string at)
    {
        var i = 0;
        foreach (var source in container.Array("envFrom"))
        {
            var sourceAt = $"{at}.envFrom[{i++}]";
            if (source.Str("prefix") is { Length: > 0 } prefix)
            {
                foreach (var error in FieldError.InvalidEach($"{sourceAt}.prefix", prefix, EnvVarNames.EnvVarName(prefix)))
                {
                    yield return error;
                }
            }

            // The real message names the list, not the entry.
            var count = EnvFromSources.Count(s => source?[s] is not null);
            if (count == 0)
            {
                yield return FieldError.Invalid($"{at}.envFrom", "", "must specify one of: `configMapRef` or `secretRef`");
            }
            else if (count > 1)
            {
                yield return FieldError.Invalid($"{at}.envFrom", "", "may not have more than one field specified at a time");
            }
        }
    }
}
