using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Storage;
using Telepath.KubeApi.TestServer.Validation.Formats;

namespace Telepath.KubeApi.TestServer.Validation;

/// <summary>Every container (init containers too) has a name, and it is a DNS-1123 label.</summary>
public sealed class ContainerNameRule : IValidationRule
{
    public IEnumerable<FieldError> Validate(ResourceType type, JsonObject obj, JsonObject? old)
    {
        if (PodSpecs.Find(type, obj) is not var (spec, path))
        {
            return [];
        }

        return PodSpecs.Containers(spec, path).SelectMany(c => c.Container.Str("name") is { Length: > 0 } name
            ? FieldError.InvalidEach($"{c.Path}.name", name, DnsNames.Label(name))
            : [FieldError.Required($"{c.Path}.name")]);
    }
}
