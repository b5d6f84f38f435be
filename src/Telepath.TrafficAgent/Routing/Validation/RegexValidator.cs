using Telepath.Core.Intercepts;
using Telepath.Protocol.Manager;

namespace Telepath.TrafficAgent.Routing.Validation;

/// <summary>The manager refuses patterns the agent cannot run; this guards against a manager that did not.</summary>
internal sealed class RegexValidator : IInterceptValidator
{
    public string? Validate(InterceptInfo intercept)
    {
        var spec = intercept.Spec;
        if (spec is null)
        {
            return null;
        }

        foreach (var header in spec.Headers)
        {
            if (ConditionPattern.Problem(header.ValueRegex) is { } problem)
            {
                return $"the pattern for header \"{header.Name}\" cannot be used: {problem}";
            }
        }

        return spec.PathRegex.Length > 0 && ConditionPattern.Problem(spec.PathRegex) is { } pathProblem
            ? $"the path pattern cannot be used: {pathProblem}"
            : null;
    }
}
