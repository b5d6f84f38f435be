using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Storage;

namespace Telepath.KubeApi.TestServer.Validation;

public sealed class ContainerImageRequired : IValidationRule
{
    public IEnumerable<FieldError> Validate(ResourceType type, JsonObject obj, JsonObject? old)
    {
        if (PodSpecs.Find(type, obj) is not var (spec, path))
        {
            yield break;
        }

        foreach (var (container, at) in PodSpecs.Containers(spec, path))
        {
            if (string.IsNullOrWhiteSpace(container.Str("image")))
            {
                yield return FieldError.Required($"{at}.image");
            }
        }
    }
}
