using System.Text.Json.Nodes;

namespace Telepath.KubeApi.TestServer.Patching;

/// <summary>RFC 6902 JSON Patch (<c>application/json-patch+json</c>): add, remove, replace, move, copy, test.</summary>
public static class JsonPatch
{
    public static JsonNode Apply(JsonNode document, JsonArray operations)
    {
        var root = new JsonObject { ["doc"] = document.DeepClone() };
        foreach (var op in operations.OfType<JsonObject>())
        {
            var path = "/doc" + (op["path"]?.GetValue<string>() ?? throw PatchFailure.Invalid("missing path"));
            switch (op["op"]?.GetValue<string>())
            {
                case "add":
                    Add(root, path, Value(op));
                    break;
                case "remove":
                    Remove(root, path);
                    break;
                case "replace":
                    Remove(root, path);
                    Add(root, path, Value(op));
                    break;
                case "move":
                    var moved = Remove(root, "/doc" + From(op));
                    Add(root, path, moved);
                    break;
                case "copy":
                    Add(root, path, JsonPointer.Get(root, "/doc" + From(op))?.DeepClone());
                    break;
                case "test":
                    if (!JsonNode.DeepEquals(JsonPointer.Get(root, path), op["value"]))
                    {
                        throw PatchFailure.Invalid($"testing value {path[4..]} failed");
                    }

                    break;
                default:
                    throw PatchFailure.Invalid($"unexpected kind: {op["op"]?.ToJsonString()}");
            }
        }

        return root["doc"]!.DeepClone();
    }

    private static JsonNode? Value(JsonObject op) =>
        op.TryGetPropertyValue("value", out var v) ? v?.DeepClone() : throw PatchFailure.Invalid("missing value");

    private static string From(JsonObject op) => op["from"]?.GetValue<string>() ?? throw PatchFailure.Invalid("missing from");

    private static void Add(JsonObject root, string path, JsonNode? value)
    {
        var (parent, last) = JsonPointer.Parent(root, path);
        switch (parent)
        {
            case JsonObject o:
                o[last] = value;
                break;
            case JsonArray a when last == "-":
                a.Add(value);
                break;
            case JsonArray a when int.TryParse(last, out var i) && i >= 0 && i <= a.Count:
                a.Insert(i, value);
                break;
            default:
                throw PatchFailure.Invalid($"add operation does not apply: doc is missing path: \"{path[4..]}\"");
        }
    }

    private static JsonNode? Remove(JsonObject root, string path)
    {
        var (parent, last) = JsonPointer.Parent(root, path);
        switch (parent)
        {
            case JsonObject o when o.ContainsKey(last):
                var value = o[last];
                o.Remove(last);
                return value;
            case JsonArray a when int.TryParse(last, out var i) && i >= 0 && i < a.Count:
                var item = a[i];
                a.RemoveAt(i);
                return item;
            default:
                throw PatchFailure.Invalid($"remove operation does not apply: doc is missing path: \"{path[4..]}\"");
        }
    }
}
