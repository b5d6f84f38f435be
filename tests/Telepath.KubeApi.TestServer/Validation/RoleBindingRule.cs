using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Storage;
using Telepath.KubeApi.TestServer.Validation.Formats;

namespace Telepath.KubeApi.TestServer.Validation;

/// <summary>
/// A RoleBinding's or ClusterRoleBinding's roleRef and subjects. A ClusterRoleBinding binds only a
/// ClusterRole, and its ServiceAccount subjects must say their namespace.
/// </summary>
public sealed class RoleBindingRule : IValidationRule
{
    private const string Group = "rbac.authorization.k8s.io";

    public IEnumerable<FieldError> Validate(ResourceType type, JsonObject obj, JsonObject? old)
    {
        if (type != ResourceCatalog.RoleBindings && type != ResourceCatalog.ClusterRoleBindings)
        {
            return [];
        }

        var clusterWide = type == ResourceCatalog.ClusterRoleBindings;
        var subjects = obj.Array("subjects").Select((s, i) => Subject(s, $"subjects[{i}]", clusterWide)).SelectMany(e => e);
        return RoleRef(obj["roleRef"], clusterWide).Concat(subjects);
    }

    private static IEnumerable<FieldError> RoleRef(JsonNode? roleRef, bool clusterWide)
    {
        var apiGroup = roleRef.Str("apiGroup") ?? "";
        if (apiGroup != Group)
        {
            yield return FieldError.NotSupported("roleRef.apiGroup", apiGroup, Group);
        }

        var kind = roleRef.Str("kind") ?? "";
        string[] kinds = clusterWide ? ["ClusterRole"] : ["Role", "ClusterRole"];
        if (!kinds.Contains(kind))
        {
            yield return FieldError.NotSupported("roleRef.kind", kind, kinds);
        }

        var name = roleRef.Str("name") ?? "";
        if (name.Length == 0)
        {
            yield return FieldError.Required("roleRef.name");
        }

        foreach (var error in FieldError.InvalidEach("roleRef.name", name, name.Length == 0 ? [] : PathSegmentNames.Check(name)))
        {
            yield return error;
        }
    }

    private static IEnumerable<FieldError> Subject(JsonNode? subject, string at, bool clusterWide)
    {
        var name = subject.Str("name") ?? "";
        if (name.Length == 0)
        {
            yield return FieldError.Required($"{at}.name");
        }

        // rbac/v1 defaults the apiGroup of User and Group subjects, so only a wrong one is refused.
        var apiGroup = subject.Str("apiGroup");
        switch (subject.Str("kind") ?? "")
        {
            case "ServiceAccount":
                foreach (var error in FieldError.InvalidEach($"{at}.name", name, name.Length == 0 ? [] : DnsNames.Subdomain(name)))
                {
                    yield return error;
                }

                if (!string.IsNullOrEmpty(apiGroup))
                {
                    yield return FieldError.NotSupported($"{at}.apiGroup", apiGroup, "");
                }

                if (clusterWide && string.IsNullOrEmpty(subject.Str("namespace")))
                {
                    yield return FieldError.Required($"{at}.namespace");
                }

                break;
            case "User" or "Group":
                if (apiGroup is not null && apiGroup != Group)
                {
                    yield return FieldError.NotSupported($"{at}.apiGroup", apiGroup, Group);
                }

                break;
            case var kind:
                yield return FieldError.NotSupported($"{at}.kind", kind, "ServiceAccount", "User", "Group");
                break;
        }
    }
}
