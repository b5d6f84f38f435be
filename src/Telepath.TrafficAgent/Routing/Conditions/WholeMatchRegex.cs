using System.Text.RegularExpressions;

namespace Telepath.TrafficAgent.Routing.Conditions;

/// <summary>A user's regular expression that must match a whole value, not a part of it.</summary>
internal sealed class WholeMatchRegex
{
    // Patterns come from users' command lines: a timeout keeps one pathological pattern from
    // stalling every request of the workload.
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    private readonly Regex _regex;

    public WholeMatchRegex(string pattern)
    {
        Pattern = pattern;
        _regex = new Regex($@"\A(?:{pattern})\z", RegexOptions.CultureInvariant, MatchTimeout);
    }

    public string Pattern { get; }

    /// <summary>A value the pattern cannot decide on in time does not match: the request goes to the app.</summary>
    public bool IsMatch(string value)
    {
        try
        {
            return _regex.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
