using System.Text.Json.Nodes;

namespace Telepath.KubeApi.TestServer.Patching;

/// <summary>RFC 6901 pointers (<c>/spec/template/metadata/annotations/a~1b</c>).</summary>
internal static class JsonPointer
{
    public static JsonNode? Get(JsonNode root, string pointer)
    {
        JsonNode? node = root;
        foreach (var token in Tokens(pointer))
        {
            node = node switch
            {
                JsonObject o when o.TryGetPropertyValue(token, out var child) => child,
                JsonArray a when int.TryParse(token, out var i) && i >= 0 && i < a.Count => a[i],
                _ => throw PatchFailure.Invalid($"doc is missing path: \"{pointer}\""),
            };
        }

        return node;
    }

    public static (JsonNode? Parent, string Last) Parent(JsonNode root, string pointer)
    {
        var at = pointer.LastIndexOf('/');
        var last = Unescape(pointer[(at + 1)..]);
        return (Get(root, pointer[..at]), last);
    }

    private static IEnumerable<string> Tokens(string pointer) =>
        pointer.Length == 0 ? [] : pointer[1..].Split('/').Select(Unescape);

    private static string Unescape(string token) =>
        token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
}
