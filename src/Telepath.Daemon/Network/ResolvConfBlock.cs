using System.Net;
using System.Text;

namespace Telepath.Daemon.Network;

/// <summary>
/// Telepath's managed block at the top of /etc/resolv.conf, as pure text transformations. glibc uses
/// only the last search/domain line, so the original ones are commented out with a prefix of our own
/// rather than removed: dropping the block and the prefixes gives back the file byte for byte.
/// </summary>
public static class ResolvConfBlock
{
    public const string Begin = "# >>> telepath (managed; removed by \"telepath quit\") >>>";
    public const string End = "# <<< telepath <<<";
    public const string Prefix = "#telepath# ";

    /// <summary>Puts our nameserver first and our search domains before the original ones; a block already there is replaced.</summary>
    public static string Wrap(string text, IPAddress nameserver, IReadOnlyList<string> searchDomains)
    {
        var original = Unwrap(text);
        var search = searchDomains.Concat(OriginalSearchDomains(original)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var wrapped = new StringBuilder();
        wrapped.Append(Begin).Append('\n');
        wrapped.Append("nameserver ").Append(nameserver).Append('\n');
        if (search.Count > 0)
        {
            wrapped.Append("search ").AppendJoin(' ', search).Append('\n');
        }

        wrapped.Append(End).Append('\n');
        foreach (var line in Lines(original))
        {
            wrapped.Append(IsSearchLine(line) ? Prefix : "").Append(line);
        }

        return wrapped.ToString();
    }

    /// <summary>The file as it was before <see cref="Wrap"/>; text without a block is returned unchanged.</summary>
    public static string Unwrap(string text)
    {
        if (!HasBlock(text))
        {
            return text;
        }

        var end = text.IndexOf(End + "\n", StringComparison.Ordinal);
        var rest = end < 0 ? "" : text[(end + End.Length + 1)..];
        var original = new StringBuilder();
        foreach (var line in Lines(rest))
        {
            original.Append(line.StartsWith(Prefix, StringComparison.Ordinal) ? line[Prefix.Length..] : line);
        }

        return original.ToString();
    }

    public static bool HasBlock(string text) => text.StartsWith(Begin + "\n", StringComparison.Ordinal);

    /// <summary>The search domains glibc would use without Telepath: those of the last search or domain line.</summary>
    public static IReadOnlyList<string> OriginalSearchDomains(string text)
    {
        IReadOnlyList<string> domains = [];
        foreach (var line in Lines(Unwrap(text)))
        {
            if (IsSearchLine(line))
            {
                domains = [.. line.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Skip(1)];
            }
        }

        return domains;
    }

    // Keeps each line's own ending (or none, for a last line without a newline), so joining them gives the text back.
    private static IEnumerable<string> Lines(string text)
    {
        var start = 0;
        while (start < text.Length)
        {
            var newline = text.IndexOf('\n', start);
            var end = newline < 0 ? text.Length : newline + 1;
            yield return text[start..end];
            start = end;
        }
    }

    // glibc matches the keyword at the very start of the line, followed by a blank.
    private static bool IsSearchLine(string line) =>
        (line.StartsWith("search", StringComparison.Ordinal) || line.StartsWith("domain", StringComparison.Ordinal))
        && (line.Length == 6 || line[6] is ' ' or '\t' or '\n' or '\r');
}
