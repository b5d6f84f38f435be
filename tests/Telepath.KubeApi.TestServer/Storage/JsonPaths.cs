using System.Text.Json.Nodes;

namespace Telepath.KubeApi.TestServer.Storage;

/// <summary>Small accessors for the handful of object fields the server itself reads and writes.</summary>
public static class JsonPaths
{
    public static JsonObject Metadata(this JsonObject obj)
    {
        if (obj["metadata"] is JsonObject metadata)
        {
            return metadata;
        }

        metadata = new JsonObject();
        obj["metadata"] = metadata;
        return metadata;
    }

    public static string? Str(this JsonNode? node, string name) =>
        node is JsonObject o && o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static string Name(this JsonObject obj) => obj.Metadata().Str("name") ?? "";

    public static string Namespace(this JsonObject obj) => obj.Metadata().Str("namespace") ?? "";

    public static string Uid(this JsonObject obj) => obj.Metadata().Str("uid") ?? "";

    public static string? ResourceVersion(this JsonObject obj) => obj.Metadata().Str("resourceVersion");

    public static IReadOnlyDictionary<string, string> Labels(this JsonObject obj) => StringMap(obj.Metadata()["labels"]);

    public static IReadOnlyDictionary<string, string> StringMap(JsonNode? node) =>
        node is JsonObject map
            ? map.Where(p => p.Value is JsonValue).ToDictionary(p => p.Key, p => p.Value!.GetValue<string>())
            : new Dictionary<string, string>();

    /// <summary>Follows a dotted path (<c>spec.template.spec</c>); null when any step is missing.</summary>
    public static JsonNode? At(this JsonNode? node, string dottedPath)
    {
        foreach (var part in dottedPath.Split('.'))
        {
            if (node is not JsonObject o || !o.TryGetPropertyValue(part, out node))
            {
                return null;
            }
        }

        return node;
    }

    public static long Long(this JsonNode? node, string dottedPath, long fallback = 0) =>
        node.At(dottedPath) is JsonValue v ? AsLong(v) ?? fallback : fallback;

    // Values built in code keep their CLR type (int), parsed ones are JsonElements; accept both.
    public static long? AsLong(JsonValue value) =>
        value.TryGetValue<long>(out var l) ? l
        : value.TryGetValue<int>(out var i) ? i
        : value.TryGetValue<double>(out var d) && d == Math.Floor(d) ? (long)d
        : null;

    public static JsonArray Array(this JsonNode? node, string dottedPath) =>
        node.At(dottedPath) as JsonArray ?? [];

    public static bool SameJson(JsonNode? a, JsonNode? b) => JsonNode.DeepEquals(a, b);
}
