using System.Text.RegularExpressions;
using Telepath.Core.Intercepts;

namespace Telepath.TrafficAgent.Routing.Conditions;

/// <summary>A user's regular expression that must match a whole value, not a part of it.</summary>
/// <remarks>
/// It runs without backtracking (<see cref="ConditionPattern"/>): its cost is linear in the value, so it
/// needs no timeout, and a pattern never fails to decide.
/// </remarks>
/// <exception cref="ArgumentException">The pattern does not parse or cannot run without backtracking.</exception>
internal sealed class WholeMatchRegex(string pattern)
{
    private readonly Regex _regex = ConditionPattern.WholeMatch(pattern);

    public string Pattern { get; } = pattern;

    public bool IsMatch(string value) => _regex.IsMatch(value);
}
