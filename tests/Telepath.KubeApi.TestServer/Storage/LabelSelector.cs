using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Http;

namespace Telepath.KubeApi.TestServer.Storage;

/// <summary>A label selector, from the <c>labelSelector</c> query string or a workload's <c>spec.selector</c>.</summary>
public sealed class LabelSelector(IReadOnlyList<LabelRequirement> requirements)
{
    public static LabelSelector Everything { get; } = new([]);

    public bool Matches(IReadOnlyDictionary<string, string> labels) => requirements.All(r => r.Matches(labels));

    public static LabelSelector FromJson(JsonObject selector)
    {
        var list = JsonPaths.StringMap(selector["matchLabels"])
            .Select(p => new LabelRequirement(p.Key, "=", [p.Value])).ToList();
        foreach (var e in selector.Array("matchExpressions").OfType<JsonObject>())
        {
            var values = e.Array("values").Select(v => v!.GetValue<string>()).ToList();
            list.Add(new LabelRequirement(e.Str("key") ?? "", e.Str("operator") ?? "", values));
        }

        return new LabelSelector(list);
    }

    /// <summary>Parses <c>a=b,c!=d,e in (x,y),f notin (z),g,!h</c>.</summary>
    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        return new LabelSelector(SplitTerms(text).Select(ParseTerm).ToList());
    }

    private static LabelRequirement ParseTerm(string term)
    {
        term = term.Trim();
        foreach (var op in new[] { " notin ", " in " })
        {
            var at = term.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                var values = term[(at + op.Length)..].Trim().TrimStart('(').TrimEnd(')')
                    .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                return new LabelRequirement(term[..at].Trim(), op.Trim(), values);
            }
        }

        foreach (var op in new[] { "!=", "==", "=" })
        {
            var at = term.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                return new LabelRequirement(term[..at].Trim(), op, [term[(at + op.Length)..].Trim()]);
            }
        }

        if (term.StartsWith('!'))
        {
            return new LabelRequirement(term[1..].Trim(), "!", []);
        }

        return term.Length > 0
            ? new LabelRequirement(term, "exists", [])
            : throw StatusObjects.BadRequest($"unable to parse requirement: found '', expected: identifier");
    }

    // Commas separate terms except inside the parentheses of in/notin.
    private static IEnumerable<string> SplitTerms(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] == '(' ? 1 : text[i] == ')' ? -1 : 0;
            if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        yield return text[start..];
    }
}
