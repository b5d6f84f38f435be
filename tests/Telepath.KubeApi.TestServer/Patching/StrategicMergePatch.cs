using System.Text.Json.Nodes;

namespace Telepath.KubeApi.TestServer.Patching;

/// <summary>
/// Strategic merge patch (<c>application/strategic-merge-patch+json</c>): a merge patch whose lists
/// with a merge key are merged element by element, with the <c>$patch</c>, <c>$retainKeys</c>,
/// <c>$deleteFromPrimitiveList</c> and <c>$setElementOrder</c> directives kubectl sends.
/// </summary>
public static class StrategicMergePatch
{
    private const string PatchDirective = "$patch";
    private const string RetainKeys = "$retainKeys";
    private const string DeleteFromPrimitiveList = "$deleteFromPrimitiveList/";
    private const string SetElementOrder = "$setElementOrder/";

    public static JsonObject Apply(JsonObject target, JsonObject patch) =>
        MergeMap(target, patch) ?? new JsonObject();

    /// <returns>The merged map, or null when the patch deletes it (<c>$patch: delete</c>).</returns>
    private static JsonObject? MergeMap(JsonObject? target, JsonObject patch)
    {
        switch (patch[PatchDirective]?.GetValue<string>())
        {
            case "delete":
                return null;
            case "replace":
                return WithoutDirectives(patch);
        }

        var result = target is null ? new JsonObject() : (JsonObject)target.DeepClone();
        foreach (var (key, value) in patch)
        {
            if (key.StartsWith(DeleteFromPrimitiveList, StringComparison.Ordinal))
            {
                DeleteValues(result, key[DeleteFromPrimitiveList.Length..], value as JsonArray ?? []);
            }
            else if (key.StartsWith('$'))
            {
                // $setElementOrder only orders elements and $retainKeys is applied below.
                continue;
            }
            else if (value is null)
            {
                result.Remove(key);
            }
            else if (value is JsonObject child)
            {
                var merged = MergeMap(result[key] as JsonObject, child);
                if (merged is null)
                {
                    result.Remove(key);
                }
                else
                {
                    result[key] = merged;
                }
            }
            else if (value is JsonArray list)
            {
                result[key] = MergeList(key, result[key] as JsonArray, list);
            }
            else
            {
                result[key] = value.DeepClone();
            }
        }

        if (patch[RetainKeys] is JsonArray retain)
        {
            var keep = retain.Select(k => k?.GetValue<string>()).ToHashSet();
            foreach (var key in result.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList())
            {
                result.Remove(key);
            }
        }

        return result;
    }

    private static JsonArray MergeList(string field, JsonArray? target, JsonArray patch)
    {
        if (patch.OfType<JsonObject>().Any(e => e[PatchDirective]?.GetValue<string>() == "replace"))
        {
            return new JsonArray(patch.OfType<JsonObject>()
                .Where(e => e[PatchDirective] is null).Select(e => (JsonNode)WithoutDirectives(e)).ToArray());
        }

        var mergeKey = PatchMergeKeys.For(field, target, patch);
        if (mergeKey is null)
        {
            return PatchMergeKeys.IsMergedPrimitiveList(field) ? Union(target, patch) : (JsonArray)patch.DeepClone();
        }

        var result = target is null ? [] : (JsonArray)target.DeepClone();
        foreach (var element in patch)
        {
            if (element is not JsonObject item)
            {
                result.Add(element?.DeepClone());
                continue;
            }

            var index = IndexOf(result, mergeKey, item[mergeKey]);
            if (item[PatchDirective]?.GetValue<string>() == "delete")
            {
                if (index >= 0)
                {
                    result.RemoveAt(index);
                }
            }
            else if (index >= 0)
            {
                result[index] = MergeMap(result[index] as JsonObject, item);
            }
            else
            {
                result.Add(MergeMap(null, item));
            }
        }

        return result;
    }

    private static int IndexOf(JsonArray list, string mergeKey, JsonNode? value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is JsonObject o && JsonNode.DeepEquals(o[mergeKey], value))
            {
                return i;
            }
        }

        return -1;
    }

    private static JsonArray Union(JsonArray? target, JsonArray patch)
    {
        var result = target is null ? [] : (JsonArray)target.DeepClone();
        foreach (var value in patch.Where(v => !result.Any(r => JsonNode.DeepEquals(r, v))))
        {
            result.Add(value?.DeepClone());
        }

        return result;
    }

    private static void DeleteValues(JsonObject result, string field, JsonArray values)
    {
        if (result[field] is JsonArray list)
        {
            result[field] = new JsonArray(list.Where(v => !values.Any(d => JsonNode.DeepEquals(d, v)))
                .Select(v => v?.DeepClone()).ToArray());
        }
    }

    private static JsonObject WithoutDirectives(JsonObject map)
    {
        var copy = (JsonObject)map.DeepClone();
        foreach (var key in copy.Select(p => p.Key).Where(k => k.StartsWith('$')).ToList())
        {
            copy.Remove(key);
        }

        return copy;
    }
}
