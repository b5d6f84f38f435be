using Microsoft.Extensions.Logging;
using Telepath.Core;
using Telepath.Daemon.Sessions;
using Telepath.Kubernetes.Access;
using Telepath.Kubernetes.Install;
using Telepath.Kubernetes.Manifests;
using Telepath.Protocol.Daemon;

namespace Telepath.Daemon.Kubernetes;

/// <summary>
/// The cluster side of a Kubernetes-mode connection: the kubeconfig context the CLI chose, the
/// namespace, and where the manager is. The manager is reached only through its pod's port-forward.
/// </summary>
public sealed class KubeSession(KubeAccess access, string @namespace, string managerNamespace) : IDisposable
{
    private static readonly TimeSpan PodWait = TimeSpan.FromSeconds(30);

    public KubeAccess Access { get; } = access;

    public string Namespace { get; } = @namespace;

    public string ManagerNamespace { get; } = managerNamespace;

    public static async Task<KubeSession> OpenAsync(ConnectRequest request, CancellationToken cancellationToken)
    {
        KubeWarmUp.Start(ManagerNamespaceOf(request));
        var options = new KubeAccessOptions(
            request.KubeconfigPaths.ToList(),
            request.Context.Length > 0 ? request.Context : null,
            request.Namespace.Length > 0 ? request.Namespace : null);
        var access = await KubeAccess.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
        return new KubeSession(access, access.Namespace, ManagerNamespaceOf(request));
    }

    private static string ManagerNamespaceOf(ConnectRequest request) =>
        request.ManagerNamespace.Length > 0 ? request.ManagerNamespace : ManagerNames.DefaultNamespace;

    /// <summary>
    /// The connection's options: the manager by its in-cluster name, dialled by port-forward, which is
    /// the laptop's credential (the API server allowed it with the user's own); no token unless given.
    /// </summary>
    public async Task<ConnectionOptions> ConnectionOptionsAsync(string? token, ILogger logger, CancellationToken cancellationToken)
    {
        var forward = new ManagerPortForward(Access.Client, ManagerNamespace, logger);
        await forward.WaitForPodAsync(PodWait, cancellationToken).ConfigureAwait(false);
        return new ConnectionOptions(ManagerNames.Address(ManagerNamespace), token, Namespace, ConnectionOptions.DefaultClientName())
        {
            Dial = forward.DialAsync,
            Claims = new WorkloadClaimPatcher(Access.Client),
            ContextDisplay = $"{Access.ContextName} ({Access.ServerUrl})",
            ManagerDisplay = $"{ManagerNamespace}/{ManagerNames.Manager}",
        };
    }

    public void Dispose() => Access.Dispose();
}
