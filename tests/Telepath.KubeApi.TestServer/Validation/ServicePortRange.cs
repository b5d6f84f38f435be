using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Storage;

namespace Telepath.KubeApi.TestServer.Validation;

/// <summary>Service ports must be 1..65535; a numeric targetPort too (a named one is not checked here).</summary>
public sealed class ServicePortRange : IValidationRule
{
    public IEnumerable<FieldError> Validate(ResourceType type, JsonObject obj, JsonObject? old)
    {
        if (type != ResourceCatalog.Services)
        {
            yield break;
        }

        var i = 0;
        foreach (var port in obj.Array("spec.ports"))
        {
            var value = port?["port"];
            if (!PortNumbers.InRange(value))
            {
                yield return FieldError.Invalid($"spec.ports[{i}].port", value, PortNumbers.RangeMessage);
            }

            var target = port?["targetPort"];
            if (target is JsonValue t && JsonPaths.AsLong(t) is not null && !PortNumbers.InRange(target))
            {
                yield return FieldError.Invalid($"spec.ports[{i}].targetPort", target, PortNumbers.RangeMessage);
            }

            i++;
        }
    }
}
