using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Auth;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Storage;
using Telepath.KubeApi.TestServer.Validation;

namespace Telepath.KubeApi.TestServer.Http;

internal sealed partial class ReviewEndpoint
{
    /// <summary>May <c>spec.user</c> do what <c>spec.resourceAttributes</c> says? Answered from the <see cref="AccessRules"/>.</summary>
    private (JsonObject Spec, JsonObject Status) SubjectAccessReview(JsonObject spec)
    {
        var errors = AttributeErrors(spec).ToList();
        if (string.IsNullOrEmpty(spec.Str("user")) && spec.Array("groups").Count == 0)
        {
            errors.Add(FieldError.Invalid("spec.user", spec.Str("user") ?? "", "at least one of user or group must be specified"));
        }

        Reject(ResourceCatalog.SubjectAccessReviews, errors);
        return ((JsonObject)spec.DeepClone(), Decide(spec.Str("user") ?? "", spec["resourceAttributes"] as JsonObject));
    }

    /// <summary>May the caller do it? What <c>kubectl auth can-i</c> asks.</summary>
    private (JsonObject Spec, JsonObject Status) SelfSubjectAccessReview(JsonObject spec, string user)
    {
        Reject(ResourceCatalog.SelfSubjectAccessReviews, AttributeErrors(spec).ToList());
        return ((JsonObject)spec.DeepClone(), Decide(user, spec["resourceAttributes"] as JsonObject));
    }

    // RBAC has no deny: what it does not allow gets allowed: false with no reason, and never denied: true.
    private JsonObject Decide(string user, JsonObject? resource)
    {
        var allowed = resource is null || access.IsAllowed(new RequestAttributes(user, resource.Str("verb") ?? "",
            resource.Str("group") ?? "", resource.Str("resource") ?? "", resource.Str("subresource"),
            NullIfEmpty(resource.Str("namespace")), NullIfEmpty(resource.Str("name"))));
        var status = new JsonObject { ["allowed"] = allowed };
        if (allowed)
        {
            status["reason"] = AccessRules.AllowedReason;
        }

        return status;
    }

    private static IEnumerable<FieldError> AttributeErrors(JsonObject spec)
    {
        var hasResource = spec["resourceAttributes"] is JsonObject;
        var hasNonResource = spec["nonResourceAttributes"] is JsonObject;
        if (hasResource && hasNonResource)
        {
            yield return FieldError.Invalid("spec.nonResourceAttributes", spec["nonResourceAttributes"], "cannot be specified in combination with resourceAttributes");
        }

        if (!hasResource && !hasNonResource)
        {
            yield return FieldError.Invalid("spec.resourceAttributes", "null", "exactly one of nonResourceAttributes or resourceAttributes must be specified");
        }
    }

    private static void Reject(ResourceType type, IReadOnlyList<FieldError> errors)
    {
        if (errors.Count > 0)
        {
            throw ObjectValidator.Invalid(type, "", errors);
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
