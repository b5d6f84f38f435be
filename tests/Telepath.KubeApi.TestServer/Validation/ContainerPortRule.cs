using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Storage;
using Telepath.KubeApi.TestServer.Validation.Formats;

namespace Telepath.KubeApi.TestServer.Validation;

/// <summary>
/// A container's ports: a name is an IANA service name (at most 15 characters) and unique within the
/// container; containerPort is required and 1..65535. The same name in two containers is accepted,
/// as by kube-apiserver (which checks uniqueness per container only).
/// </summary>
public sealed class ContainerPortRule : IValidationRule
{
    public IEnumerable<FieldError> Validate(ResourceType type, JsonObject obj, JsonObject? old)
    {
        if (PodSpecs.Find(type, obj) is not var (spec, path))
        {
            yield break;
        }

        foreach (var (container, at) in PodSpecs.Containers(spec, path))
        {
            var names = new HashSet<string>();
            var i = 0;
            foreach (var port in container.Array("ports"))
            {
                var portPath = $"{at}.ports[{i++}]";
                if (port.Str("name") is { Length: > 0 } name)
                {
                    var messages = IanaPortNames.Check(name);
                    foreach (var error in FieldError.InvalidEach($"{portPath}.name", name, messages))
                    {
                        yield return error;
                    }

                    if (messages.Count == 0 && !names.Add(name))
                    {
                        yield return FieldError.Duplicate($"{portPath}.name", name);
                    }
                }

                var number = port?["containerPort"];
                if (number is null || (number is JsonValue v && JsonPaths.AsLong(v) == 0))
                {
                    yield return FieldError.Required($"{portPath}.containerPort");
                }
                else if (!PortNumbers.InRange(number))
                {
                    yield return FieldError.Invalid($"{portPath}.containerPort", number, PortNumbers.RangeMessage);
                }
            }
        }
    }
}
