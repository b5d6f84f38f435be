using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Defaulting;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Http;
using Telepath.KubeApi.TestServer.Storage;

namespace Telepath.KubeApi.TestServer.Pods;

internal sealed partial class Kubelet
{
    /// <summary>
    /// Mounts the pod's volumes before any container starts: its configMap, secret and emptyDir volumes
    /// (<see cref="ObjectVolumes"/>), then its projected token volumes. Until a ConfigMap or Secret it
    /// mounts, or its service account, exists the pod stays ContainerCreating, as a kubelet retries the
    /// mount and its TokenRequest; a refused request leaves the containers waiting with the kubelet's
    /// FailedMount wording. False: start nothing.
    /// </summary>
    private async Task<bool> MountVolumesAsync(PodSandbox pod, JsonObject podObject)
    {
        try
        {
            pod.Files = await ObjectVolumes.MountAsync(podObject, Path.Combine(directory.Value, pod.Uid), store, options.Time, pod.Stopping.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }

        if (!await MountTokenVolumesAsync(pod, podObject))
        {
            pod.Files.Dispose();
            return false;
        }

        // Deleted while mounting: StopAsync may have looked before the volumes were there.
        if (pod.Stopping.IsCancellationRequested)
        {
            pod.Volumes?.Dispose();
            pod.Files.Dispose();
            return false;
        }

        return true;
    }

    private async Task<bool> MountTokenVolumesAsync(PodSandbox pod, JsonObject podObject)
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

        return true;
    }
}
