using Telepath.Cli.Commands.Install;
using Telepath.Protocol.Daemon;

namespace Telepath.Cli.Commands.Connect;

/// <summary>
/// A connect through the kubeconfig, as the daemon is asked for it: the daemon checks the context,
/// installs the traffic manager when it is missing (its progress lines come back to stderr) and
/// connects. Nothing here touches the cluster, so the CLI never loads the Kubernetes client for a
/// connect. The manager takes no token from a laptop, which reaches it through the API server.
/// </summary>
/// <param name="Context">--context; null for the kubeconfig's current one.</param>
/// <param name="Namespace">--namespace; null for the context's own.</param>
internal sealed record ClusterConnect(string? Context, string? Namespace, string? ManagerNamespace = null, string? Registry = null, string? Tag = null)
{
    /// <summary>What list and intercept use when they connect on their own: the kubeconfig's defaults.</summary>
    public static ClusterConnect Defaults { get; } = new(null, null);

    /// <summary>
    /// What a daemon that is already connected is asked: it answers with its connection when the
    /// target is the same and refuses otherwise, before anything is installed.
    /// </summary>
    public ConnectRequest Probe() => new() { Context = Context ?? "", Namespace = Namespace ?? "" };

    /// <summary>The whole request: the kubeconfig files as the CLI finds them and the manager's install options (flags, else config.yml).</summary>
    public ConnectRequest Request()
    {
        var options = InstallSettings.Resolve(ManagerNamespace, Registry, Tag);
        var request = Probe();
        request.ManagerNamespace = options.Namespace;
        request.InstallManager = true;
        request.ManagerImage = options.Image;
        request.ManagerTag = options.Tag ?? "";
        request.KubeconfigPaths.AddRange(KubeconfigFlags.Options(Context, Namespace).KubeconfigPaths);
        return request;
    }
}
