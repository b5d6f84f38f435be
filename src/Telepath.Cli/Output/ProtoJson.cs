using System.Text.Json.Nodes;
using Google.Protobuf;

namespace Telepath.Cli.Output;

/// <summary>Daemon replies as JSON for scripts: every field, defaults included, in protobuf's JSON mapping.</summary>
internal static class ProtoJson
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true).WithFormatEnumsAsIntegers(false));

    public static JsonNode ToNode(IMessage message) => JsonNode.Parse(Formatter.Format(message))!;

    public static string Format(JsonNode node) => node.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });

    public static string Format(IMessage message) => Format(ToNode(message));
}
