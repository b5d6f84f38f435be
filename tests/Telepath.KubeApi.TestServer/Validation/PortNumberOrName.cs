using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Storage;
using Telepath.KubeApi.TestServer.Validation.Formats;

namespace Telepath.KubeApi.TestServer.Validation;

/// <summary>kube-apiserver's ValidatePortNumOrName: probes' ports and a Service's targetPort.</summary>
internal static class PortNumberOrName
{
    public static IEnumerable<FieldError> Check(string path, JsonNode port)
    {
        if (port is JsonValue value && value.TryGetValue<string>(out var name))
        {
            return FieldError.InvalidEach(path, name, IanaPortNames.Check(name));
        }

        return port is JsonValue number && JsonPaths.AsLong(number) is not null && !PortNumbers.InRange(port)
            ? [FieldError.Invalid(path, port, PortNumbers.RangeMessage)]
            : [];
    }
}
