using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Storage;

namespace Telepath.KubeApi.TestServer.Validation;

/// <summary>Init and app containers share one name space, as in the real pod validation.</summary>
public sealed class UniqueContainerNames : IValidationRule
{
    public IEnumerable<FieldError> Validate(ResourceType type, JsonObject obj, JsonObject? old)
    {
        if (PodSpecs.Find(type, obj) is not var (spec, path))
        {
            yield break;
        }

        var seen = new HashSet<string>();
        foreach (var (container, at) in PodSpecs.Containers(spec, path))
        {
            var name = container.Str("name");
            if (!string.IsNullOrEmpty(name) && !seen.Add(name))
            {
                yield return FieldError.Duplicate($"{at}.name", name);
            }
        }
    }
}
