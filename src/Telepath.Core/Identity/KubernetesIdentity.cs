namespace Telepath.Core.Identity;

/// <summary>
/// What the manager, its agents and the laptop agree on where the manager trusts Kubernetes rather
/// than a token of its own (docs/security.md): the agents' projected service-account tokens and the
/// annotation a laptop writes to prove it may patch a workload.
/// </summary>
public static class KubernetesIdentity
{
    /// <summary>The audience of an agent's projected token: the API server refuses such a token, so it opens nothing else.</summary>
    public const string Audience = "telepath";

    /// <summary>How long the kubelet makes an agent's token last; it replaces the file at 80% of that.</summary>
    public const int TokenSeconds = 600;

    /// <summary>Where an agent container finds its projected token (the volume's mount path and file).</summary>
    public const string AgentTokenDirectory = "/var/run/secrets/telepath.io/agent";

    public const string AgentTokenFile = AgentTokenDirectory + "/token";

    /// <summary>The prefix of the annotation a claim is written to; the session's public id completes the key.</summary>
    public const string ClaimAnnotationPrefix = "claim.telepath.io/";

    public static string ClaimAnnotation(string sessionId) => ClaimAnnotationPrefix + sessionId;
}
