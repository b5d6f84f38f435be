namespace Telepath.KubeApi.TestServer.Discovery;

/// <summary>
/// One REST resource the server serves, described the way discovery describes it. A create-only one
/// is a review (TokenReview, SubjectAccessReview): answered at once, never stored.
/// </summary>
public sealed record ResourceType(
    string Group,
    string Version,
    string Plural,
    string Kind,
    bool Namespaced,
    IReadOnlyList<string> ShortNames,
    bool HasStatus = false,
    bool HasGeneration = false,
    bool CreateOnly = false)
{
    public string GroupVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The name used in Status messages: <c>deployments.apps</c>, or <c>pods</c> for the core group.</summary>
    public string QualifiedPlural => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>The name used in Invalid messages: <c>Deployment.apps</c>, or <c>Pod</c> for the core group.</summary>
    public string QualifiedKind => Group.Length == 0 ? Kind : $"{Kind}.{Group}";

    public string Singular => Kind.ToLowerInvariant();
}
