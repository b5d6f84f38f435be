using Microsoft.Extensions.Logging;
using Telepath.Protocol.Manager;
using Telepath.TrafficAgent.Routing.Conditions;
using Telepath.TrafficAgent.Routing.Validation;

namespace Telepath.TrafficAgent.Routing;

/// <summary>Turns the manager's intercepts into matchers, skipping (and logging) any that fail validation.</summary>
internal sealed class RouteCompiler(IEnumerable<IInterceptValidator> validators, ILogger<RouteCompiler> logger)
{
    public RouteSnapshot Compile(InterceptSnapshot snapshot)
    {
        var routes = new List<InterceptRoute>(snapshot.Intercepts.Count);
        foreach (var intercept in snapshot.Intercepts)
        {
            var problem = validators.Select(v => v.Validate(intercept)).FirstOrDefault(p => p is not null);
            if (problem is not null)
            {
                Log.InterceptIgnored(logger, intercept.Spec?.Name ?? "", intercept.Id, problem);
                continue;
            }

            routes.Add(Build(intercept));
        }

        return new RouteSnapshot(snapshot, routes);
    }

    private static InterceptRoute Build(InterceptInfo intercept)
    {
        var spec = intercept.Spec;
        var conditions = new List<IRequestCondition>();
        foreach (var header in spec.Headers)
        {
            conditions.Add(new HeaderRegexCondition(header.Name, new WholeMatchRegex(header.ValueRegex)));
        }

        if (spec.PathPrefix.Length > 0)
        {
            conditions.Add(new PathPrefixCondition(spec.PathPrefix));
        }

        if (spec.PathEqual.Length > 0)
        {
            conditions.Add(new PathEqualCondition(spec.PathEqual));
        }

        if (spec.PathRegex.Length > 0)
        {
            conditions.Add(new PathRegexCondition(new WholeMatchRegex(spec.PathRegex)));
        }

        return new InterceptRoute(intercept.Id, spec.Name, intercept.ClientName, spec.TargetHost, spec.TargetPort, conditions, spec.Mirror, spec.MirrorBodyLimit);
    }
}
