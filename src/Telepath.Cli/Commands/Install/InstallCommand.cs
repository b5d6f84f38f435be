using System.CommandLine;
using Telepath.Kubernetes.Access;
using Telepath.Kubernetes.Errors;
using Telepath.Kubernetes.Install;

namespace Telepath.Cli.Commands.Install;

internal sealed class InstallCommand(InstallCommandDefinition definition, ParseResult parse)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var options = InstallSettings.Resolve(parse.GetValue(definition.ManagerNamespace), parse.GetValue(definition.Registry), parse.GetValue(definition.Tag));
        using var access = await KubeAccess.ConnectAsync(KubeconfigFlags.Options(parse.GetValue(definition.Context), null), cancellationToken).ConfigureAwait(false);
        var installer = new ManagerInstaller(access.Client);
        var result = await ClusterErrors.WordAsync(access.ContextName, () => parse.GetValue(definition.Upgrade)
            ? installer.UpgradeAsync(options, StderrProgress.Instance, cancellationToken)
            : installer.EnsureInstalledAsync(options, StderrProgress.Instance, cancellationToken)).ConfigureAwait(false);
        var what = result.VersionMismatch && !parse.GetValue(definition.Upgrade)
            ? $"Traffic manager {result.InstalledVersion} is installed in namespace {options.Namespace} of context {access.ContextName} (this client is {result.WantedVersion}; \"telepath install --upgrade\" replaces it)"
            : $"Traffic manager {result.WantedVersion} is installed in namespace {options.Namespace} of context {access.ContextName}";
        await Console.Out.WriteLineAsync(what).ConfigureAwait(false);
        return 0;
    }
}
