using System.Text.RegularExpressions;

namespace Telepath.Core.Intercepts;

/// <summary>
/// A user's regular expression in an intercept condition (a header value, the path), compiled the one way
/// the CLI and the manager check it and the agent runs it: against the whole value, without backtracking.
/// </summary>
public static class ConditionPattern
{
    // The agent runs these patterns on every request of the workload, intercepted or not. Without
    // backtracking, matching takes time linear in the value whatever the pattern, so no pattern (such as
    // (a+)+b) can stall the workload's traffic. The price: no backreferences, lookarounds, atomic groups
    // or conditionals, which are refused when the intercept is made.
    private const RegexOptions Options = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;

    /// <exception cref="ArgumentException">The pattern does not parse, or cannot run without backtracking; the message says why in one line.</exception>
    public static Regex WholeMatch(string pattern)
    {
        // Alone first, so that a parse error names the user's pattern, not our anchors around it.
        _ = Compile(pattern, pattern);
        return Compile($@"\A(?:{pattern})\z", pattern);
    }

    /// <returns>Why the pattern cannot be used, in one line, or null when it can.</returns>
    public static string? Problem(string pattern)
    {
        try
        {
            _ = WholeMatch(pattern);
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }

    private static Regex Compile(string regex, string pattern)
    {
        try
        {
            return new Regex(regex, Options);
        }
        catch (NotSupportedException e)
        {
            throw new ArgumentException($"not supported without backtracking (patterns run with RegexOptions.NonBacktracking): {Construct(e.Message)}", e);
        }
        catch (RegexParseException e) when (!ReferenceEquals(regex, pattern))
        {
            // Parsed alone but not inside a group: an x-mode comment (#) at its end swallows what follows it.
            throw new ArgumentException($"the pattern cannot be matched against a whole value: {e.Message}", e);
        }
    }

    /// <summary>The construct the engine names ("... containing: 'backreference (\ number)'."), else its whole message.</summary>
    private static string Construct(string message)
    {
        var start = message.IndexOf('\'', StringComparison.Ordinal);
        var end = message.LastIndexOf('\'');
        return start >= 0 && end > start + 1 ? message[(start + 1)..end] : message;
    }
}
