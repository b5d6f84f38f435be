using System.Text.Json.Nodes;

namespace Telepath.KubeApi.TestServer.Validation;

internal static class PortNumbers
{
    public const string RangeMessage = "must be between 1 and 65535, inclusive";

    public static bool InRange(JsonNode? value) =>
        value is JsonValue v && Storage.JsonPaths.AsLong(v) is >= 1 and <= 65535;
}
