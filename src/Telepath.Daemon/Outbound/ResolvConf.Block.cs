using System.Net;
using System.Text;

namespace Telepath.Daemon.Outbound;

/// <summary>
/// Telepath's managed block at the top of /etc/resolv.conf, as pure text transformations. glibc uses
/// only the last search/domain line, so the original ones are commented out with a prefix of our own
/// rather than removed: dropping the block and the prefixes gives back the file byte for byte.
/// </summary>
public sealed partial class ResolvConf
{
    /// <summary>
    /// The block's first line. Markers are whole lines and match only whole (a line's own ending aside): these
    /// two are the lines every Telepath version has written, so a block an older one left is found too.
    /// </summary>
    public const string BlockBegin = "# >>> telepath (managed; removed by \"telepath quit\") >>>";

    public const string BlockEnd = "# <<< telepath <<<";

    /// <summary>Put before the original search and domain lines, which the block's own search line replaces.</summary>
    public const string SearchPrefix = "#telepath# ";

    /// <summary>Puts our nameserver first and our search domains before the original ones; a block already there is replaced.</summary>
    public static string Wrap(string text, IPAddress nameserver, IReadOnlyList<string> searchDomains)
    {
        var original = Unwrap(text);
        var search = searchDomains.Concat(OriginalSearchDomains(original)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var wrapped = new StringBuilder();
        wrapped.Append(BlockBegin).Append('\n');
        wrapped.Append("nameserver ").Append(nameserver).Append('\n');
        if (search.Count > 0)
        {
            wrapped.Append("search ").AppendJoin(' ', search).Append('\n');
        }

        wrapped.Append(BlockEnd).Append('\n');
        foreach (var line in Lines(original))
        {
            wrapped.Append(IsSearchLine(line) ? SearchPrefix : "").Append(line);
        }

        return wrapped.ToString();
    }

    /// <summary>
    /// The file as it was before <see cref="Wrap"/>: without the block (from its first line to its last, or to the
    /// end of the text if its last is missing) and without our prefixes; text without a block is returned unchanged.
    /// </summary>
    public static string Unwrap(string text)
    {
        if (!HasBlock(text))
        {
            return text;
        }

        var original = new StringBuilder();
        var inBlock = false;
        foreach (var line in Lines(text))
        {
            if (inBlock || IsLine(line, BlockBegin))
            {
                inBlock = !IsLine(line, BlockEnd);
                continue;
            }

            original.Append(line.StartsWith(SearchPrefix, StringComparison.Ordinal) ? line[SearchPrefix.Length..] : line);
        }

        return original.ToString();
    }

    /// <summary>Whether the text holds Telepath's block: a line that is exactly <see cref="BlockBegin"/>.</summary>
    public static bool HasBlock(string text) => Lines(text).Any(line => IsLine(line, BlockBegin));

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

    private static bool IsLine(string line, string marker) => line.TrimEnd('\n').TrimEnd('\r') == marker;

    // glibc matches the keyword at the very start of the line, followed by a blank.
    private static bool IsSearchLine(string line) =>
        (line.StartsWith("search", StringComparison.Ordinal) || line.StartsWith("domain", StringComparison.Ordinal))
        && (line.Length == 6 || line[6] is ' ' or '\t' or '\n' or '\r');
}
