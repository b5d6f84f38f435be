using System.Text.Json.Nodes;

namespace Telepath.Kubernetes.Tests.Infrastructure;

/// <summary>A small RFC 6902 applier (add, remove, replace, test), to check what a patch does to an object.</summary>
internal static class JsonPatchApplier
{
    public static JsonNode Apply(JsonNode document, JsonArray operations)
    {
        var result = document.DeepClone();
        foreach (var operation in operations)
        {
            var op = (string)operation!["op"]!;
            var path = (string)operation["path"]!;
            var value = operation["value"]?.DeepClone();
            var (parent, key) = Locate(result, path);
            switch (op)
            {
                case "test":
                    if (!JsonNode.DeepEquals(Get(parent, key), value))
                    {
                        throw new InvalidOperationException($"test failed at {path}");
                    }

                    break;
                case "remove":
                    Remove(parent, key, path);
                    break;
                case "add":
                    Add(parent, key, value);
                    break;
                case "replace":
                    Remove(parent, key, path);
                    Add(parent, key, value);
                    break;
                default:
                    throw new NotSupportedException(op);
            }
        }

        return result;
    }

    private static (JsonNode Parent, string Key) Locate(JsonNode root, string path)
    {
        var parts = path.Split('/').Skip(1).Select(p => p.Replace("~1", "/").Replace("~0", "~")).ToArray();
        var node = root;
        foreach (var part in parts[..^1])
        {
            node = (node is JsonArray array ? array[int.Parse(part)] : node[part]) ?? throw new InvalidOperationException($"no {part} in {path}");
        }

        return (node, parts[^1]);
    }

    private static JsonNode? Get(JsonNode parent, string key) => parent is JsonArray array ? array[int.Parse(key)] : parent[key];

    private static void Remove(JsonNode parent, string key, string path)
    {
        if (parent is JsonArray array)
        {
            array.RemoveAt(int.Parse(key));
        }
        else if (!parent.AsObject().Remove(key))
        {
            throw new InvalidOperationException($"nothing to remove at {path}");
        }
    }

    private static void Add(JsonNode parent, string key, JsonNode? value)
    {
        if (parent is JsonArray array)
        {
            if (key == "-")
            {
                array.Add(value);
            }
            else
            {
                array.Insert(int.Parse(key), value);
            }
        }
        else
        {
            parent[key] = value;
        }
    }
}
