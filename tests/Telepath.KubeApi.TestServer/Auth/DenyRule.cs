namespace Telepath.KubeApi.TestServer.Auth;

/// <summary>
/// A refusal a test sets up: <paramref name="Resource"/> is <c>deployments</c>, <c>deployments.apps</c>,
/// <c>pods/portforward</c>, or <c>*</c> for every resource and subresource of every group (RBAC's
/// <c>*</c>); a null namespace denies everywhere; "*" matches any verb. So
/// <c>new DenyRule("*", "*", "b", "alice")</c> lets alice do nothing in namespace b.
/// </summary>
public sealed record DenyRule(string Verb, string Resource, string? Namespace, string? User)
{
    public const string All = "*";

    public bool Matches(RequestAttributes request)
    {
        var (resource, group) = SplitGroup(Resource);
        return (Verb == All || Verb == request.Verb) &&
               (resource == All || resource == request.ResourceWithSubresource) &&
               (group is null || group == request.Group) &&
               (Namespace is null || Namespace == request.Namespace) &&
               (User is null || User == request.User);
    }

    // "deployments.apps/scale" → ("deployments/scale", "apps"); "pods" → ("pods", null).
    private static (string Resource, string? Group) SplitGroup(string text)
    {
        var slash = text.IndexOf('/');
        var head = slash < 0 ? text : text[..slash];
        var tail = slash < 0 ? "" : text[slash..];
        var dot = head.IndexOf('.');
        return dot < 0 ? (text, null) : (head[..dot] + tail, head[(dot + 1)..]);
    }
}
