using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Validation.Formats;

namespace Telepath.KubeApi.TestServer.Validation;

/// <summary>A Secret's keys become file names in a volume: config keys, nothing like "../x".</summary>
public sealed class SecretDataRule : IValidationRule
{
    public IEnumerable<FieldError> Validate(ResourceType type, JsonObject obj, JsonObject? old)
    {
        if (type != ResourceCatalog.Secrets && type != ResourceCatalog.ConfigMaps)
        {
            return [];
        }

        return new[] { "data", "stringData", "binaryData" }
            .SelectMany(map => (obj[map] as JsonObject ?? []).Select(p => (Map: map, p.Key)))
            .SelectMany(entry => FieldError.InvalidEach($"{entry.Map}[{entry.Key}]", entry.Key, EnvVarNames.ConfigMapKey(entry.Key)));
    }
}
