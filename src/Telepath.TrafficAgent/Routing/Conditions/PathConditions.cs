using Microsoft.AspNetCore.Http;

namespace Telepath.TrafficAgent.Routing.Conditions;

// Paths are compared as the server decoded them (HttpRequest.Path), without the query string.

internal sealed class PathPrefixCondition(string prefix) : IRequestCondition
{
    public bool Matches(HttpRequest request) => (request.Path.Value ?? "").StartsWith(prefix, StringComparison.Ordinal);

    public override string ToString() => $"path has prefix \"{prefix}\"";
}

internal sealed class PathEqualCondition(string path) : IRequestCondition
{
    public bool Matches(HttpRequest request) => string.Equals(request.Path.Value ?? "", path, StringComparison.Ordinal);

    public override string ToString() => $"path is \"{path}\"";
}

internal sealed class PathRegexCondition(WholeMatchRegex regex) : IRequestCondition
{
    public bool Matches(HttpRequest request) => regex.IsMatch(request.Path.Value ?? "");

    public override string ToString() => $"path ~= regexp(\"{regex.Pattern}\")";
}
