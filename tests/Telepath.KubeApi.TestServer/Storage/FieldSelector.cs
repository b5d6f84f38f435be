using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Http;

namespace Telepath.KubeApi.TestServer.Storage;

/// <summary>
/// A <c>fieldSelector</c>: <c>metadata.name=x</c>, <c>metadata.namespace!=y</c>, <c>status.phase=Running</c>.
/// Any dotted path is read from the object, which is looser than Kubernetes' per-type field sets.
/// </summary>
public sealed class FieldSelector(IReadOnlyList<(string Path, bool Equal, string Value)> terms)
{
    public bool Matches(JsonObject obj) =>
        terms.All(t => (ValueAt(obj, t.Path) == t.Value) == t.Equal);

    public static FieldSelector Parse(string? text)
    {
        var list = new List<(string, bool, string)>();
        foreach (var term in (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var notEqual = term.IndexOf("!=", StringComparison.Ordinal);
            if (notEqual > 0)
            {
                list.Add((term[..notEqual], false, term[(notEqual + 2)..]));
                continue;
            }

            var parts = term.Replace("==", "=", StringComparison.Ordinal).Split('=', 2);
            if (parts.Length != 2)
            {
                throw StatusObjects.BadRequest($"invalid selector: '{text}'; can't understand '{term}'");
            }

            list.Add((parts[0], true, parts[1]));
        }

        return new FieldSelector(list);
    }

    private static string ValueAt(JsonObject obj, string path) =>
        obj.At(path) switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonValue v => v.ToJsonString(),
            _ => "",
        };
}
