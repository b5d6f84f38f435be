using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Http;

namespace Telepath.KubeApi.TestServer.Auth;

/// <summary>Everything is allowed except what a test denied; refusals read exactly like RBAC's.</summary>
public sealed class AccessRules
{
    /// <summary>
    /// Why RBAC allows what no rule denies, as a SubjectAccessReview reports it: the test server plays
    /// a cluster that binds cluster-admin to every authenticated user. No such binding is stored.
    /// </summary>
    public const string AllowedReason =
        "RBAC: allowed by ClusterRoleBinding \"telepath-test:authenticated\" of ClusterRole \"cluster-admin\" to Group \"system:authenticated\"";

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
        var why = $"User \"{request.User}\" cannot {request.Verb} resource \"{request.ResourceWithSubresource}\" in API group \"{request.Group}\" {scope}";
        var subject = request.Name is null ? request.QualifiedResource : $"{request.QualifiedResource} \"{request.Name}\"";
        throw new KubeStatusException(403, "Forbidden", $"{subject} is forbidden: {why}", Details(request));
    }

    private static JsonObject Details(RequestAttributes request)
    {
        var details = new JsonObject();
        if (request.Name is not null)
        {
            details["name"] = request.Name;
        }

        if (request.Group.Length > 0)
        {
            details["group"] = request.Group;
        }

        details["kind"] = request.Resource;
        return details;
    }
}
