namespace Telepath.TrafficAgent.Routing.Conditions;

// Paths are compared as the server decoded them (IRequestView.Path), without the query string.

internal sealed class PathPrefixCondition(string prefix) : IRequestCondition
{
    public bool Matches(IRequestView request) => request.Path.StartsWith(prefix, StringComparison.Ordinal);

    public string DescribeMismatch() => "path prefix did not match";

    public override string ToString() => $"path has prefix \"{prefix}\"";
}

internal sealed class PathEqualCondition(string path) : IRequestCondition
{
    public bool Matches(IRequestView request) => string.Equals(request.Path, path, StringComparison.Ordinal);

    public string DescribeMismatch() => "path did not match";

    public override string ToString() => $"path is \"{path}\"";
}

internal sealed class PathRegexCondition(WholeMatchRegex regex) : IRequestCondition
{
    public bool Matches(IRequestView request) => regex.IsMatch(request.Path);

    public string DescribeMismatch() => "path pattern did not match";

    public override string ToString() => $"path ~= regexp(\"{regex.Pattern}\")";
}
