namespace Telepath.TrafficAgent.Routing.Conditions;

/// <summary>
/// Matches when any value of the header matches the pattern as a whole. Header names are
/// case-insensitive; a missing header never matches.
/// </summary>
internal sealed class HeaderRegexCondition(string name, WholeMatchRegex value) : IRequestCondition
{
    public string Name { get; } = name;

    public bool Matches(IRequestView request) => request.AnyHeaderValue(Name, value.IsMatch);

    public string DescribeMismatch() => $"header {Name} did not match";

    public override string ToString() => $"header(\"{Name}\") ~= regexp(\"{value.Pattern}\")";
}
