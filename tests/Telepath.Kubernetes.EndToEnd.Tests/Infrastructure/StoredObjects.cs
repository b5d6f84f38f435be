using k8s;

namespace Telepath.Kubernetes.EndToEnd.Tests.Infrastructure;

/// <summary>The parts of stored objects that injection changes and uninstall must put back, as JSON.</summary>
public static class StoredObjects
{
    public static async Task<string> TemplateAsync(IKubernetes client, string deployment) =>
        KubernetesJson.Serialize((await client.AppsV1.ReadNamespacedDeploymentAsync(deployment, "default")).Spec.Template);

    public static async Task<string> ServicePortsAsync(IKubernetes client, string service) =>
        KubernetesJson.Serialize((await client.CoreV1.ReadNamespacedServiceAsync(service, "default")).Spec.Ports);

    public static async Task<IReadOnlyDictionary<string, string>?> AnnotationsAsync(IKubernetes client, string deployment) =>
        (await client.AppsV1.ReadNamespacedDeploymentAsync(deployment, "default")).Metadata.Annotations?.AsReadOnly();
}
