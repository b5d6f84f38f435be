using Telepath.Cli.Commands.Install;
using Telepath.Kubernetes.Access;
using Telepath.Kubernetes.Install;
using Telepath.Protocol.Daemon;

namespace Telepath.Cli.Commands.Connect;

/// <summary>
/// The Kubernetes half of connect, done here where progress can be shown: check the context,
/// install the traffic manager when it is missing (waiting, with progress on stderr), and say when
/// the installed one is of another version. The daemon gets the context; the manager takes no token
/// from a laptop, which reaches it through the API server.
/// </summary>
/// <param name="Context">--context; null for the kubeconfig's current one.</param>
/// <param name="Namespace">--namespace; null for the context's own.</param>
/// <param name="Proxy">Checked against the API server's address before anything is installed; null: not checked.</param>
internal sealed record ClusterConnect(string? Context, string? Namespace, string? ManagerNamespace = null, string? Registry = null, string? Tag = null, ProxyChoice? Proxy = null)
{
    /// <summary>What list and intercept use when they connect on their own: the kubeconfig's defaults.</summary>
    public static ClusterConnect Defaults { get; } = new(null, null);

    /// <summary>
    /// What a daemon that is already connected is asked: it answers with its connection when the
    /// target is the same and refuses otherwise, before anything is installed.
    /// </summary>
    public ConnectRequest Probe() => new() { Context = Context ?? "", Namespace = Namespace ?? "" };

    public async Task<ConnectRequest> PrepareAsync(CancellationToken cancellationToken)
    {
        var options = InstallSettings.Resolve(ManagerNamespace, Registry, Tag);
        var kubeOptions = KubeconfigFlags.Options(Context, Namespace);
        using var access = await KubeAccess.ConnectAsync(kubeOptions, cancellationToken).ConfigureAwait(false);
        Proxy?.CheckApiServer(access.ServerUrl, await ProxyChoice.ApiServerAddressesAsync(access.ServerUrl, cancellationToken).ConfigureAwait(false));
        await ClusterErrors.WordAsync(
            access.ContextName,
            () => new ManagerInstaller(access.Client).EnsureInstalledAsync(options, StderrProgress.Instance, cancellationToken)).ConfigureAwait(false);
        var request = new ConnectRequest
        {
            Context = access.ContextName,
            Namespace = access.Namespace,
            ManagerNamespace = options.Namespace,
        };
        request.KubeconfigPaths.AddRange(kubeOptions.KubeconfigPaths);
        return request;
    }
}
