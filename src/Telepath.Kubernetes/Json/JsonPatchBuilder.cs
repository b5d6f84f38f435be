using System.Text.Json.Nodes;

namespace Telepath.Kubernetes.Json;

/// <summary>
/// Writes RFC 6902 operations that turn one JSON value into another under a path: objects are
/// compared key by key, arrays of the same length element by element, and an array whose length
/// changed is replaced whole. The patch so touches nothing the plan did not change.
/// </summary>
public sealed class JsonPatchBuilder
{
    private readonly JsonArray _operations = [];

    public int Count => _operations.Count;

    /// <summary>Fails the whole patch when the value at the path is not this one (optimistic concurrency).</summary>
    public JsonPatchBuilder Test(string path, JsonNode? value)
    {
        _operations.Add(Operation("test", path, value));
        return this;
    }

    public JsonPatchBuilder Diff(string path, JsonNode? before, JsonNode? after)
    {
        if (JsonNode.DeepEquals(before, after))
        {
            return this;
        }

        switch (before, after)
        {
            case (null, _):
                _operations.Add(Operation("add", path, after));
                break;
            case (_, null):
                _operations.Add(new JsonObject { ["op"] = "remove", ["path"] = path });
                break;
            case (JsonObject was, JsonObject now):
                foreach (var (key, value) in was)
                {
                    if (!now.ContainsKey(key))
                    {
                        Diff(Child(path, key), value, null);
                    }
                }

                foreach (var (key, value) in now)
                {
                    var child = Child(path, key);
                    if (was.TryGetPropertyValue(key, out var old))
                    {
                        Diff(child, old, value);
                    }
                    else
                    {
                        _operations.Add(Operation("add", child, value));
                    }
                }

                break;
            case (JsonArray was, JsonArray now) when NamedArrays.Aligned(was, now):
                DiffByName(path, was, now);
                break;
            case (JsonArray was, JsonArray now) when was.Count == now.Count:
                for (var i = 0; i < was.Count; i++)
                {
                    Diff($"{path}/{i}", was[i], now[i]);
                }

                break;
            default:
                _operations.Add(Operation("replace", path, after));
                break;
        }

        return this;
    }

    // Removes what is gone (from the end, so indexes hold), then walks the new array: a new element
    // is inserted where it belongs, a kept one is diffed in place. A container so keeps every field
    // the patch does not change, even ones this client's models do not know.
    private void DiffByName(string path, JsonArray was, JsonArray now)
    {
        var kept = now.Select(NamedArrays.Name).ToHashSet(StringComparer.Ordinal);
        for (var i = was.Count - 1; i >= 0; i--)
        {
            if (!kept.Contains(NamedArrays.Name(was[i])))
            {
                _operations.Add(new JsonObject { ["op"] = "remove", ["path"] = $"{path}/{i}" });
            }
        }

        var old = was.ToDictionary(NamedArrays.Name, e => e, StringComparer.Ordinal);
        for (var j = 0; j < now.Count; j++)
        {
            if (old.TryGetValue(NamedArrays.Name(now[j]), out var before))
            {
                Diff($"{path}/{j}", before, now[j]);
            }
            else
            {
                _operations.Add(Operation("add", $"{path}/{j}", now[j]));
            }
        }
    }

    public JsonArray Build() => (JsonArray)_operations.DeepClone();

    public static string Child(string path, string key) => $"{path}/{key.Replace("~", "~0").Replace("/", "~1")}";

    private static JsonObject Operation(string op, string path, JsonNode? value) =>
        new() { ["op"] = op, ["path"] = path, ["value"] = value?.DeepClone() };
}
