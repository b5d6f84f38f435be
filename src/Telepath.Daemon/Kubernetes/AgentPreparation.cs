using Telepath.Core;
using Telepath.Daemon.Sessions;
using Telepath.Kubernetes.Injection;
using Telepath.Kubernetes.Install;
using Telepath.Kubernetes.Manifests;
using Telepath.Kubernetes.Workloads;
using Telepath.Protocol.Daemon;

namespace Telepath.Daemon.Kubernetes;

/// <summary>
/// Before an intercept in Kubernetes mode: resolves the workload and its Service port, injects the
/// traffic agent when it is not there (rollout wait, put back on failure: the library's work), and
/// waits for the agent to arrive at the manager, so that the intercept can be made at once.
/// </summary>
public sealed class AgentPreparation(KubeSession kube, ManagerConnection connection)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public async Task PrepareAsync(InterceptRequest request, IProgress<string> progress, CancellationToken cancellationToken)
    {
        var timeout = request.TimeoutSeconds > 0 ? TimeSpan.FromSeconds(request.TimeoutSeconds) : DefaultTimeout;
        var client = kube.Access.Client;
        var target = await InterceptTargets.ResolveAsync(kube, request, cancellationToken).ConfigureAwait(false);
        var installed = await new ManagerInstaller(client).GetStatusAsync(kube.ManagerNamespace, cancellationToken).ConfigureAwait(false);
        var image = installed?.Image
            ?? throw new UserErrorException($"the traffic manager is not installed in namespace \"{kube.ManagerNamespace}\": run \"telepath install\"");

        // The agent runs the manager's own image: one image, one version on both ends.
        var settings = new AgentSettings(image, ManagerNames.Address(kube.ManagerNamespace));
        await new AgentInstallation(client).InstallAsync(target, settings, timeout, progress, cancellationToken).ConfigureAwait(false);

        var workload = target.Workload;
        if (!await connection.View.WaitUntilAsync(v => HasAgent(v, workload), timeout, cancellationToken).ConfigureAwait(false))
        {
            throw new UserErrorException(
                $"the traffic agent of {workload.Describe()} did not arrive at the traffic manager within {timeout.TotalSeconds:0} s; see its logs (container \"{AgentTemplate.ContainerName}\")");
        }
    }

    private static bool HasAgent(ManagerView view, Workload workload) =>
        view.Agents.Agents.Any(a => a.Workload == workload.Name && a.Namespace == workload.Namespace);
}
