using k8s;
using Telepath.Kubernetes.Injection;

namespace Telepath.Kubernetes.Install;

/// <summary>
/// <c>telepath uninstall</c>: <c>--agent NAME</c>, <c>--all-agents</c> and <c>--everything</c>.
/// Each talks to the cluster only (no daemon needed) and is idempotent.
/// </summary>
public sealed class TelepathUninstaller(IKubernetes client)
{
    public Task<bool> AgentAsync(string workloadName, string @namespace, IProgress<string>? progress, CancellationToken cancellationToken = default) =>
        new AgentInstallation(client).UninstallAsync(workloadName, @namespace, progress, cancellationToken);

    /// <param name="namespace">One namespace, or null for all.</param>
    public Task<int> AllAgentsAsync(string? @namespace, IProgress<string>? progress, CancellationToken cancellationToken = default) =>
        new AgentInstallation(client).UninstallAllAsync(@namespace, progress, cancellationToken);

    /// <summary>
    /// Every agent and every laptop's claim out of every namespace, the token copies of older
    /// versions deleted, and the manager removed: no object of Telepath's is left.
    /// </summary>
    public async Task EverythingAsync(string managerNamespace, IProgress<string>? progress, CancellationToken cancellationToken = default)
    {
        await AllAgentsAsync(null, progress, cancellationToken);
        await new LegacyAgentTokenSecrets(client).DeleteAllAsync(null, cancellationToken);
        await new ManagerInstaller(client).UninstallAsync(managerNamespace, progress, cancellationToken);
    }
}
