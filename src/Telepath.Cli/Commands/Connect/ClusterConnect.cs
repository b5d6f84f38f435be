using System.CommandLine;
using Telepath.Cli.Commands.Install;
using Telepath.Kubernetes.Access;
using Telepath.Kubernetes.Install;
using Telepath.Protocol.Daemon;

namespace Telepath.Cli.Commands.Connect;

/// <summary>
/// The Kubernetes half of connect, done here where progress can be shown: check the context,
/// install the traffic manager when it is missing (waiting, with progress on stderr), and say when
/// the installed one is of another version. The daemon gets the context and the manager's token.
/// </summary>
internal static class ClusterConnect
{
    public static async Task<ConnectRequest> PrepareAsync(ConnectCommandDefinition definition, ParseResult parse, CancellationToken cancellationToken)
    {
        var options = InstallSettings.Resolve(parse.GetValue(definition.ManagerNamespace), parse.GetValue(definition.Registry), parse.GetValue(definition.Tag));
        var kubeOptions = KubeconfigFlags.Options(parse.GetValue(definition.Context), parse.GetValue(definition.Namespace));
        using var access = await KubeAccess.ConnectAsync(kubeOptions, cancellationToken).ConfigureAwait(false);
        var installed = await ClusterErrors.WordAsync(
            access.ContextName,
            () => new ManagerInstaller(access.Client).EnsureInstalledAsync(options, StderrProgress.Instance, cancellationToken)).ConfigureAwait(false);
        var request = new ConnectRequest
        {
            Context = access.ContextName,
            Namespace = access.Namespace,
            ManagerNamespace = options.Namespace,
            Token = installed.Token,
        };
        request.KubeconfigPaths.AddRange(kubeOptions.KubeconfigPaths);
        return request;
    }
}
