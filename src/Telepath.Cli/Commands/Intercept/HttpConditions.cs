using Telepath.Core.Intercepts;
using Telepath.Protocol.Manager;

namespace Telepath.Cli.Commands.Intercept;

/// <summary>
/// Parses <c>--http-header auto|NAME=VALUE</c> (VALUE is a regular expression that must match the whole
/// header value) and checks the path regex. Each check returns the user's message or null.
/// </summary>
internal static class HttpConditions
{
    public const string Auto = "auto";

    public static string? CheckHeader(string text)
    {
        if (text == Auto)
        {
            return null;
        }

        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || equals == text.Length - 1)
        {
            return $"invalid --http-header \"{text}\": expected NAME=VALUE with a non-empty name and value, or auto";
        }

        return CheckRegex("--http-header", text, text[(equals + 1)..]);
    }

    /// <summary>Checked as the agent will run it, so a pattern it cannot run is refused here, not ignored there.</summary>
    public static string? CheckRegex(string option, string text, string pattern) =>
        ConditionPattern.Problem(pattern) is { } problem ? $"invalid {option} \"{text}\": {problem}" : null;

    /// <summary>The header conditions, and whether <c>auto</c> was among them. Input is already checked.</summary>
    public static (bool Auto, IReadOnlyList<HeaderCondition> Headers) Parse(IEnumerable<string> values)
    {
        var auto = false;
        var headers = new List<HeaderCondition>();
        foreach (var value in values)
        {
            if (value == Auto)
            {
                auto = true;
                continue;
            }

            var equals = value.IndexOf('=', StringComparison.Ordinal);
            headers.Add(new HeaderCondition { Name = value[..equals], ValueRegex = value[(equals + 1)..] });
        }

        return (auto, headers);
    }
}
