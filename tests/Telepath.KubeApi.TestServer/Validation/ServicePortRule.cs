using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Storage;
using Telepath.KubeApi.TestServer.Validation.Formats;

namespace Telepath.KubeApi.TestServer.Validation;

/// <summary>
/// A Service's ports: port in 1..65535; a name (required when there are several) is a DNS-1123
/// label, unique; targetPort a number in 1..65535 or an IANA port name, which is what a
/// retargeted Service must still be.
/// </summary>
public sealed class ServicePortRule : IValidationRule
{
    public IEnumerable<FieldError> Validate(ResourceType type, JsonObject obj, JsonObject? old)
    {
        if (type != ResourceCatalog.Services)
        {
            yield break;
        }

        var ports = obj.Array("spec.ports");
        var names = new HashSet<string>();
        var i = 0;
        foreach (var port in ports)
        {
            var at = $"spec.ports[{i++}]";
            var name = port.Str("name") ?? "";
            if (name.Length == 0 && ports.Count > 1)
            {
                yield return FieldError.Required($"{at}.name");
            }
            else if (name.Length > 0)
            {
                foreach (var error in FieldError.InvalidEach($"{at}.name", name, DnsNames.Label(name)))
                {
                    yield return error;
                }

                if (!names.Add(name))
                {
                    yield return FieldError.Duplicate($"{at}.name", name);
                }
            }

            var value = port?["port"];
            if (!PortNumbers.InRange(value))
            {
                yield return FieldError.Invalid($"{at}.port", value, PortNumbers.RangeMessage);
            }

            if (port?["targetPort"] is { } target)
            {
                foreach (var error in PortNumberOrName.Check($"{at}.targetPort", target))
                {
                    yield return error;
                }
            }
        }
    }
}
