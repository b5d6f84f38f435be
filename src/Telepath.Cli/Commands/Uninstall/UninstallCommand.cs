using System.CommandLine;
using Telepath.Cli.Commands.Install;
using Telepath.Kubernetes.Access;
using Telepath.Kubernetes.Errors;
using Telepath.Kubernetes.Install;

namespace Telepath.Cli.Commands.Uninstall;

internal sealed class UninstallCommand(UninstallCommandDefinition definition, ParseResult parse)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var requestedNamespace = parse.GetValue(definition.Namespace);
        using var access = await KubeAccess.ConnectAsync(KubeconfigFlags.Options(parse.GetValue(definition.Context), requestedNamespace), cancellationToken).ConfigureAwait(false);
        var result = await ClusterErrors.WordAsync(access.ContextName, () => UninstallAsync(access, requestedNamespace, cancellationToken)).ConfigureAwait(false);
        await Console.Out.WriteLineAsync(result).ConfigureAwait(false);
        return 0;
    }

    private async Task<string> UninstallAsync(KubeAccess access, string? requestedNamespace, CancellationToken cancellationToken)
    {
        var uninstaller = new TelepathUninstaller(access.Client);
        var progress = StderrProgress.Instance;
        string result;
        if (parse.GetValue(definition.Agent) is { } workload)
        {
            var removed = await uninstaller.AgentAsync(workload, access.Namespace, progress, cancellationToken).ConfigureAwait(false);
            result = removed ? $"Removed the traffic agent from {workload}" : $"{workload} has no traffic agent; nothing to remove";
        }
        else if (parse.GetValue(definition.AllAgents))
        {
            var count = await uninstaller.AllAgentsAsync(string.IsNullOrEmpty(requestedNamespace) ? null : access.Namespace, progress, cancellationToken).ConfigureAwait(false);
            result = $"Removed the traffic agent from {count} workload(s)";
        }
        else
        {
            var managerNamespace = parse.GetValue(definition.ManagerNamespace)!;
            await uninstaller.EverythingAsync(managerNamespace, progress, cancellationToken).ConfigureAwait(false);
            result = $"Removed every traffic agent and the traffic manager (namespace {managerNamespace}) from context {access.ContextName}";
        }

        return result;
    }
}
