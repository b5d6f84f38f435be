using k8s;

namespace Telepath.Kubernetes.Manifests;

/// <summary><c>telepath manifests</c>: the same objects install creates, as YAML for GitOps.</summary>
public static class ManifestsYaml
{
    /// <summary>One YAML document per object, separated by "---", in creation order.</summary>
    public static string Render(IEnumerable<object> objects) =>
        string.Join("---\n", objects.Select(o => KubernetesYaml.Serialize(o).TrimEnd('\n') + "\n"));
}
