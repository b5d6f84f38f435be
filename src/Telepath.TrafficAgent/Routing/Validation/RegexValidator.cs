using Telepath.Protocol.Manager;
using Telepath.TrafficAgent.Routing.Conditions;

namespace Telepath.TrafficAgent.Routing.Validation;

/// <summary>The manager refuses patterns that do not compile; this guards against a manager that did not.</summary>
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
            if (Check(header.ValueRegex) is { } problem)
            {
                return $"the pattern for header \"{header.Name}\" does not compile: {problem}";
            }
        }

        return spec.PathRegex.Length > 0 && Check(spec.PathRegex) is { } pathProblem
            ? $"the path pattern does not compile: {pathProblem}"
            : null;
    }

    private static string? Check(string pattern)
    {
        try
        {
            _ = new WholeMatchRegex(pattern);
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }
}
