using Grpc.Core;
using Telepath.Core.Intercepts;
using Telepath.Protocol.Manager;

namespace Telepath.TrafficManager.Intercepts;

/// <summary>Rejects a spec the agents could not apply, before it reaches any agent.</summary>
public static class InterceptSpecValidator
{
    public static void Validate(InterceptSpec spec)
    {
        if (string.IsNullOrWhiteSpace(spec.Name) || spec.Name.Any(char.IsWhiteSpace))
        {
            throw Invalid($"invalid intercept name \"{spec.Name}\": it must be non-empty and have no spaces");
        }

        if (string.IsNullOrWhiteSpace(spec.Workload))
        {
            throw Invalid("an intercept needs a workload");
        }

        if (spec.TargetPort is < 1 or > 65535)
        {
            throw Invalid($"invalid port {spec.TargetPort}: expected a number from 1 to 65535");
        }

        foreach (var header in spec.Headers)
        {
            if (string.IsNullOrWhiteSpace(header.Name))
            {
                throw Invalid("a header condition needs a header name");
            }

            CheckRegex($"header {header.Name}", header.ValueRegex);
        }

        if (spec.PathRegex.Length > 0)
        {
            CheckRegex("path", spec.PathRegex);
        }

        if (spec.MirrorBodyLimit < 0 || spec.MirrorBodyLimit > 0 && !spec.Mirror)
        {
            throw Invalid($"invalid mirror body limit {spec.MirrorBodyLimit}: it needs a mirror intercept and a number of bytes of at least 0");
        }
    }

    /// <summary>Takes every TCP connection: no conditions, and not a mirror (which takes nothing).</summary>
    public static bool IsGlobal(InterceptSpec spec) =>
        !spec.Mirror && spec.Headers.Count == 0 && spec.PathPrefix.Length == 0 && spec.PathEqual.Length == 0 && spec.PathRegex.Length == 0;

    // Checked as the agents will run it: a pattern they could not run would leave the intercept silently unmatched.
    private static void CheckRegex(string what, string pattern)
    {
        if (ConditionPattern.Problem(pattern) is { } problem)
        {
            throw Invalid($"invalid regular expression for the {what} condition \"{pattern}\": {problem}");
        }
    }

    private static RpcException Invalid(string message) => new(new Status(StatusCode.InvalidArgument, message));
}
