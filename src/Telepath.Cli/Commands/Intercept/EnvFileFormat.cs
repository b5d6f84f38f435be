using System.Buffers;
using System.Text;

namespace Telepath.Cli.Commands.Intercept;

/// <summary>
/// The <c>--env-file</c> format: one <c>KEY=VALUE</c> line a variable, read back exactly by
/// <c>set -a; . FILE</c> (any POSIX shell) and by docker compose (<c>env_file:</c>, <c>--env-file</c>):
/// <list type="bullet">
/// <item>A value of letters, digits and <c>_ . / : @ % + , = -</c> only is written bare: every reader,
/// <c>docker run --env-file</c> too, takes it as it is.</item>
/// <item>Any other value is single-quoted, which both readers take literally, line breaks included.</item>
/// <item>A value with a <c>'</c> or ending in <c>\</c> is double-quoted, with <c>\</c>, <c>"</c> and <c>$</c>
/// escaped by a backslash: the only escapes the shell and compose read the same way.</item>
/// </list>
/// A name must be <c>[A-Za-z_][A-Za-z0-9_]*</c>, what a shell can set; a value with a <c>'</c> (or a trailing
/// <c>\</c>) and a backquote has no quoting both read back exactly. Such variables are left out, and said so.
/// <c>docker run --env-file</c> does not remove quotes at all; use compose, or <c>--env-json</c>.
/// </summary>
internal static class EnvFileFormat
{
    private static readonly SearchValues<char> Bare = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_./:@%+,=-");
    private static readonly SearchValues<char> NameStart = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_");
    private static readonly SearchValues<char> NameRest = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_");

    /// <param name="variables">In the order the lines are written.</param>
    public static EnvFile Format(IEnumerable<KeyValuePair<string, string>> variables)
    {
        var text = new StringBuilder();
        var badNames = new List<string>();
        var unquotable = new List<string>();
        foreach (var (name, value) in variables)
        {
            if (!IsName(name))
            {
                badNames.Add(name);
            }
            else if (Quote(value) is { } quoted)
            {
                text.Append(name).Append('=').Append(quoted).Append('\n');
            }
            else
            {
                unquotable.Add(name);
            }
        }

        return new EnvFile(text.ToString(), badNames, unquotable);
    }

    public static bool IsName(string name) =>
        name.Length > 0 && NameStart.Contains(name[0]) && !name.AsSpan(1).ContainsAnyExcept(NameRest);

    /// <returns>The value as the right-hand side of a line, or null when no quoting reads back the same in both.</returns>
    public static string? Quote(string value)
    {
        if (!value.AsSpan().ContainsAnyExcept(Bare))
        {
            return value;
        }

        // Compose takes \' inside single quotes for a quote, so a trailing \ would swallow the closing one.
        if (!value.Contains('\'', StringComparison.Ordinal) && !value.EndsWith('\\'))
        {
            return $"'{value}'";
        }

        // Inside double quotes the shell runs `...`, and compose has no escape for a backquote that the shell reads as one.
        if (value.Contains('`', StringComparison.Ordinal))
        {
            return null;
        }

        var escaped = new StringBuilder(value.Length + 8).Append('"');
        foreach (var c in value)
        {
            if (c is '\\' or '"' or '$')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.Append('"').ToString();
    }
}

/// <param name="Text">The file's lines.</param>
/// <param name="BadNames">Variables left out: their names are not ones a shell can set.</param>
/// <param name="Unquotable">Variables left out: their values cannot be quoted for both readers.</param>
internal sealed record EnvFile(string Text, IReadOnlyList<string> BadNames, IReadOnlyList<string> Unquotable);
