using Telepath.Daemon.Outbound;
using Telepath.Daemon.Outbound.ClusterNetwork;
using Telepath.Kubernetes.Errors;
using Telepath.Kubernetes.Install;
using Telepath.Kubernetes.Manifests;
using Telepath.Protocol.Daemon;

namespace Telepath.Daemon.Kubernetes;

/// <summary>
/// Before a Kubernetes-mode connection: the API server's address against the proxied ranges, and the
/// traffic manager installed when it is missing (its progress lines as they come). Done here, in the
/// daemon, rather than in the CLI, so that only one cold process per connect pays for the Kubernetes
/// client's start (kubeconfig, first HTTPS call, first typed reads).
/// </summary>
public static class ClusterPreparation
{
    public static async Task PrepareAsync(KubeSession kube, ConnectRequest request, IProgress<string> progress, CancellationToken cancellationToken)
    {
        if (request.ProxyMode == ProxySettings.On)
        {
            var serverUrl = kube.Access.ServerUrl;
            ApiServerRanges.Check(request, serverUrl, await ClusterEntry.AddressesAsync(serverUrl, "", cancellationToken).ConfigureAwait(false));
        }

        if (request.InstallManager)
        {
            var options = new ManagerInstallOptions(
                kube.ManagerNamespace,
                request.ManagerImage.Length > 0 ? request.ManagerImage : ManagerInstallOptions.DefaultImage,
                request.ManagerTag.Length > 0 ? request.ManagerTag : null);
            await ClusterErrors.WordAsync(
                kube.Access.ContextName,
                () => new ManagerInstaller(kube.Access.Client).EnsureInstalledAsync(options, progress, cancellationToken)).ConfigureAwait(false);
        }
    }
}
