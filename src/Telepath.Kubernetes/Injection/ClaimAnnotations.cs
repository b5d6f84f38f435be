using k8s.Models;
using Telepath.Core.Identity;

namespace Telepath.Kubernetes.Injection;

/// <summary>
/// The annotations (<c>claim.telepath.io/SESSION-ID</c>) a laptop writes on a workload to prove to
/// the manager that it may patch it. The laptop removes its own; one that crashed in between
/// leaves it behind, so restoring a workload removes every claim.
/// </summary>
public static class ClaimAnnotations
{
    public static bool IsClaim(string key) => key.StartsWith(KubernetesIdentity.ClaimAnnotationPrefix, StringComparison.Ordinal);

    public static bool Any(V1ObjectMeta metadata) => metadata.Annotations?.Keys.Any(IsClaim) == true;
}
