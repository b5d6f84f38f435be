using System.Net;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Telepath.TrafficManager.Auth;

/// <summary>
/// Where the manager has no token of its own it trusts what Kubernetes vouches for. A request with a
/// bearer token is an agent's, and the token must be its pod's projected service-account token
/// (<see cref="AgentTokenReview"/>). A request without one is a laptop's only if it comes from the pod's
/// own loopback, which only a port-forward reaches: the API server allowed that port-forward with the
/// user's own credentials, whatever their kind, and the kernel drops loopback sources from outside the pod.
/// </summary>
internal sealed class KubernetesAuthentication(AgentTokenReview reviews, ManagerOptions options) : ICallerAuthentication
{
    private const string Scheme = "Bearer ";

    private static readonly CallerRefusal NotThroughPortForward = new(StatusCode.Unauthenticated,
        "laptops reach the traffic manager through a Kubernetes port-forward (telepath connect), and agents with their pod's service-account token; this request came with neither");

    public ValueTask<CallerCheck> AuthenticateAsync(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.Length > 0)
        {
            return authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
                ? reviews.AuthenticateAsync(authorization[Scheme.Length..].Trim(), context.RequestAborted)
                : ValueTask.FromResult(CallerCheck.Refuse(new CallerRefusal(StatusCode.Unauthenticated, "the authorization header must be a bearer token")));
        }

        return ValueTask.FromResult(IsClientSource(context.Connection.RemoteIpAddress)
            ? CallerCheck.Admit(Caller.Laptop)
            : CallerCheck.Refuse(NotThroughPortForward));
    }

    private bool IsClientSource(IPAddress? remote)
    {
        if (remote is null)
        {
            return false;
        }

        var address = remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote;
        return options.ClientSources.Any(range => range.Contains(address));
    }
}
