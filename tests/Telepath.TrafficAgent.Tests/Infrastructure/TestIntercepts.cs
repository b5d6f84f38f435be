using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Telepath.Protocol.Manager;
using Telepath.TrafficAgent.Routing;
using Telepath.TrafficAgent.Routing.Conditions;
using Telepath.TrafficAgent.Routing.Validation;

namespace Telepath.TrafficAgent.Tests.Infrastructure;

/// <summary>Intercepts as the manager would send them, and requests to match against them.</summary>
internal static class TestIntercepts
{
    public static InterceptInfo Intercept(
        string name,
        (string Name, string Regex)[]? headers = null,
        string pathPrefix = "",
        string pathEqual = "",
        string pathRegex = "",
        string? id = null)
    {
        var spec = new InterceptSpec
        {
            Name = name,
            Workload = "orders",
            Namespace = "default",
            TargetHost = "127.0.0.1",
            TargetPort = 8080,
            PathPrefix = pathPrefix,
            PathEqual = pathEqual,
            PathRegex = pathRegex,
        };
        spec.Headers.AddRange((headers ?? []).Select(h => new HeaderCondition { Name = h.Name, ValueRegex = h.Regex }));
        return new InterceptInfo
        {
            Id = id ?? Guid.NewGuid().ToString(),
            Spec = spec,
            ClientName = "alice@laptop",
            ClientSessionId = Guid.NewGuid().ToString(),
            State = InterceptState.Active,
            WorkloadKind = "Deployment",
        };
    }

    public static InterceptSnapshot Snapshot(params InterceptInfo[] intercepts)
    {
        var snapshot = new InterceptSnapshot();
        snapshot.Intercepts.AddRange(intercepts);
        return snapshot;
    }

    public static RouteSnapshot Compile(params InterceptInfo[] intercepts) =>
        new RouteCompiler([new IdentityValidator(), new HeaderNameValidator(), new RegexValidator()], NullLogger<RouteCompiler>.Instance)
            .Compile(Snapshot(intercepts));

    /// <summary>A request as Kestrel would have parsed it.</summary>
    public static IRequestView Request(string path = "/", params (string Name, string Value)[] headers) => new KestrelRequestView(KestrelRequest(path, headers));

    public static HttpRequest KestrelRequest(string path = "/", params (string Name, string Value)[] headers)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Path = path;
        foreach (var group in headers.GroupBy(h => h.Name, StringComparer.OrdinalIgnoreCase))
        {
            context.Request.Headers[group.Key] = group.Select(h => h.Value).ToArray();
        }

        return context.Request;
    }
}
