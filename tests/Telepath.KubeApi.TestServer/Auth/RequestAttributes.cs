using Telepath.KubeApi.TestServer.Discovery;

namespace Telepath.KubeApi.TestServer.Auth;

/// <summary>
/// What the authorizer looks at, named as in Kubernetes' <c>authorizer.Attributes</c>. The resource
/// is a group and a plural, not a served type, because a SubjectAccessReview may ask about any.
/// </summary>
public sealed record RequestAttributes(string User, string Verb, string Group, string Resource, string? Subresource, string? Namespace, string? Name)
{
    public static RequestAttributes For(string user, string verb, ResourceType type, string? subresource, string? @namespace, string? name) =>
        new(user, verb, type.Group, type.Plural, subresource, @namespace, name);

    public string ResourceWithSubresource => string.IsNullOrEmpty(Subresource) ? Resource : $"{Resource}/{Subresource}";

    /// <summary>The name Status messages use: <c>deployments.apps</c>, or <c>pods</c> for the core group.</summary>
    public string QualifiedResource => Group.Length == 0 ? Resource : $"{Resource}.{Group}";
}
