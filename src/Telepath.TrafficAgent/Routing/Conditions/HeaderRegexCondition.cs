using Microsoft.AspNetCore.Http;

namespace Telepath.TrafficAgent.Routing.Conditions;

/// <summary>
/// Matches when any value of the header matches the pattern as a whole. Header names are
/// case-insensitive because the request's header dictionary is; a missing header never matches.
/// </summary>
internal sealed class HeaderRegexCondition(string name, WholeMatchRegex value) : IRequestCondition
{
    public string Name { get; } = name;

    public bool Matches(HttpRequest request)
    {
        foreach (var candidate in request.Headers[Name])
        {
            if (candidate is not null && value.IsMatch(candidate))
            {
                return true;
            }
        }

        return false;
    }

    public override string ToString() => $"header(\"{Name}\") ~= regexp(\"{value.Pattern}\")";
}
