using k8s;
using k8s.Models;
using Telepath.Kubernetes.Manifests;

namespace Telepath.Daemon.Kubernetes;

/// <summary>
/// Prepares, on another core, the Kubernetes client's JSON for the objects a connect reads and
/// writes (the manager's manifests and Deployment, its pods, the API server's refusals) while the
/// connect itself reads the kubeconfig and waits for the API server. In a cold daemon each first
/// typed read or write costs 0.1 – 0.3 s of JIT and type loading, all on the connect's one path;
/// the CLI, which used to pay half of it in parallel, now only waits, so its core is free.
/// </summary>
internal static class KubeWarmUp
{
    public static void Start(string managerNamespace) => _ = Task.Run(() => Run(managerNamespace));

    private static void Run(string managerNamespace)
    {
        try
        {
            V1Deployment? deployment = null;
            foreach (var item in ManagerManifests.Build(new ManagerInstallOptions(managerNamespace)))
            {
                var json = KubernetesJson.Serialize(item);
                if (item is V1Deployment)
                {
                    deployment = KubernetesJson.Deserialize<V1Deployment>(json);
                }
            }

            var pods = new V1PodList
            {
                Items =
                [
                    new V1Pod
                    {
                        Metadata = new V1ObjectMeta { Name = "warm-up", CreationTimestamp = DateTime.UtcNow },
                        Spec = deployment?.Spec.Template.Spec,
                        Status = new V1PodStatus { Phase = "Running", Conditions = [new V1PodCondition { Type = "Ready", Status = "True" }] },
                    },
                ],
            };
            KubernetesJson.Deserialize<V1PodList>(KubernetesJson.Serialize(pods));
            KubernetesJson.Deserialize<V1Status>("""{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"AlreadyExists","code":409,"details":{"name":"warm-up"}}""");
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or NotSupportedException)
        {
            // Only a head start: the connect does the same work itself when it gets there.
        }
    }
}
