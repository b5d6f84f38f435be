using System.Collections.Concurrent;
using Telepath.KubeApi.TestServer.Http;

namespace Telepath.KubeApi.TestServer.Auth;

/// <summary>Everything is allowed except what a test denied; refusals read exactly like RBAC's.</summary>
public sealed class AccessRules
{
    private readonly ConcurrentDictionary<DenyRule, bool> denied = new();

    public void Deny(DenyRule rule) => denied[rule] = true;

    public void Allow(DenyRule rule) => denied.TryRemove(rule, out _);

    public void Clear() => denied.Clear();

    public bool IsAllowed(RequestAttributes request) => !denied.Keys.Any(r => r.Matches(request));

    public void Authorize(RequestAttributes request)
    {
        if (IsAllowed(request))
        {
            return;
        }

        var scope = string.IsNullOrEmpty(request.Namespace)
            ? "at the cluster scope"
            : $"in the namespace \"{request.Namespace}\"";
        var why = $"User \"{request.User}\" cannot {request.Verb} resource \"{request.ResourceWithSubresource}\" in API group \"{request.Type.Group}\" {scope}";
        var subject = request.Name is null ? request.Type.QualifiedPlural : $"{request.Type.QualifiedPlural} \"{request.Name}\"";
        throw new KubeStatusException(403, "Forbidden", $"{subject} is forbidden: {why}",
            StatusObjects.Details(request.Type, request.Name));
    }
}
