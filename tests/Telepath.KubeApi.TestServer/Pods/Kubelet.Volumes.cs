using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Defaulting;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Http;
using Telepath.KubeApi.TestServer.Storage;

namespace Telepath.KubeApi.TestServer.Pods;

internal sealed partial class Kubelet
{
    /// <summary>
    /// Mounts the pod's projected token volumes before any container starts. Until its service account
    /// exists the pod stays ContainerCreating, as a kubelet retries its TokenRequest; a refused request
    /// leaves the containers waiting with the kubelet's FailedMount wording. False: start nothing.
    /// </summary>
    private async Task<bool> MountVolumesAsync(PodSandbox pod, JsonObject podObject)
    {
        if (!podObject.Array("spec.volumes").Any(v => v.Array("projected.sources").Any(s => s?["serviceAccountToken"] is JsonObject)))
        {
            return true;
        }

        var account = podObject.At("spec.serviceAccountName")?.GetValue<string>() ?? PodServiceAccountDefaults.DefaultServiceAccount;
        try
        {
            await store.WaitForAsync(ResourceCatalog.ServiceAccounts, pod.Namespace, account, pod.Stopping.Token);
            pod.Volumes = ProjectedTokenVolumes.Mount(podObject, Path.Combine(directory.Value, pod.Uid), tokens, options.Time);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (KubeStatusException e)
        {
            foreach (var container in pod.Containers)
            {
                container.WaitingMessage = $"MountVolume.SetUp failed: failed to fetch token: {e.Message}";
            }

            await WriteStatusAsync(pod);
            return false;
        }

        // Deleted while mounting: StopAsync may have looked before the volumes were there.
        if (pod.Stopping.IsCancellationRequested)
        {
            pod.Volumes.Dispose();
            return false;
        }

        return true;
    }
}
