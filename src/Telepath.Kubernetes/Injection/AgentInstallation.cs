using k8s;
using k8s.Autorest;
using k8s.Models;
using Telepath.Core;
using Telepath.Kubernetes.Errors;
using Telepath.Kubernetes.Rollout;
using Telepath.Kubernetes.Workloads;

namespace Telepath.Kubernetes.Injection;

/// <summary>
/// Puts the traffic agent into a workload and takes it out again: plan, patch, wait for the
/// rollout, and on any failure put the workload back as it was before saying why. A refused
/// patch (RBAC) changes nothing.
/// </summary>
public sealed class AgentInstallation(IKubernetes client)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan RestoreTimeout = TimeSpan.FromSeconds(30);

    private readonly WorkloadPatcher _patcher = new(client);
    private readonly RolloutWatcher _rollouts = new(client);

    public async Task<AgentInstallResult> InstallAsync(
        InterceptTarget target,
        AgentSettings settings,
        TimeSpan timeout,
        IProgress<string>? progress,
        CancellationToken cancellationToken = default)
    {
        var first = AgentInjector.Plan(target.Workload, target.Service, target.Port, settings);
        if (first.AlreadyInjected)
        {
            await _patcher.PatchServiceAsync(target.Service, s => AgentInjector.Plan(target.Workload, s, target.Port, settings).ServicePatch, cancellationToken);
            return new AgentInstallResult(first, Changed: false);
        }

        progress?.Report(
            first.UpgradedFrom is { } outdated ? $"upgrading the traffic agent of {target.Workload.Describe()} from {outdated} to {settings.Image}"
            : first.Relabelled ? $"labelling the pods of {target.Workload.Describe()} as traffic-agent pods, the only ones the traffic manager admits"
            : $"injecting the traffic agent into {target.Workload.Describe()}");
        InjectionPlan plan = first;
        var patched = await _patcher.PatchWorkloadAsync(target.Workload, live =>
        {
            plan = AgentInjector.Plan(live, target.Service, target.Port, settings);
            return plan.WorkloadPatch;
        }, cancellationToken);

        try
        {
            await new PodRecycler(client).ReplaceOutdatedAsync(patched, cancellationToken);
            var outcome = await _rollouts.WaitAsync(patched, timeout, progress, cancellationToken);
            if (!outcome.Succeeded)
            {
                throw new UserErrorException($"the traffic agent could not start in {patched.Describe()}: {outcome.Failure}");
            }

            await _patcher.PatchServiceAsync(target.Service, s => ServicePlan(patched, s, target, settings), cancellationToken);
            return new AgentInstallResult(plan, Changed: true);
        }
        catch (Exception e) when (e is UserErrorException or OperationCanceledException or HttpOperationException)
        {
            // Put back even when the user pressed Ctrl-C (a half-injected workload is worse than
            // none), but not forever when the cluster has gone away.
            using var restoring = new CancellationTokenSource(RestoreTimeout);
            try
            {
                await RestoreAsync(patched.Kind, patched.Name, patched.Namespace, progress, restoring.Token);
            }
            catch (Exception restore) when (restore is UserErrorException or OperationCanceledException or HttpOperationException or HttpRequestException)
            {
                throw new UserErrorException(
                    $"{Reason(e)}; putting {patched.Describe()} back failed too ({Reason(restore)}): run \"telepath uninstall --agent {patched.Name}\"");
            }

            if (e is UserErrorException user)
            {
                throw new UserErrorException($"{user.Message}; {patched.Describe()} was put back as it was", user.ExitCode);
            }

            throw;
        }
    }

    private static string Reason(Exception e) => e switch
    {
        OperationCanceledException => "cancelled",
        HttpOperationException http => KubeStatus.Message(http),
        _ => e.Message,
    };

    /// <summary>Undoes Telepath's changes to one workload and the Services that select it; false when there were none.</summary>
    public async Task<bool> UninstallAsync(string workloadName, string @namespace, IProgress<string>? progress, CancellationToken cancellationToken = default)
    {
        var workloads = await new WorkloadClient(client).ListAsync(@namespace, cancellationToken);
        var workload = WorkloadCatalog.PickByName(workloadName, @namespace, workloads.Where(w => w.Name == workloadName).ToList());
        var services = (await client.CoreV1.ListNamespacedServiceAsync(@namespace, cancellationToken: cancellationToken)).Items;
        var changed = false;
        foreach (var service in ServiceSelection.SelectingServices(workload, services))
        {
            changed |= await _patcher.PatchServiceAsync(service, s => AgentRestorer.Plan(null, s).ServicePatch, cancellationToken);
        }

        return await RestoreAsync(workload.Kind, workload.Name, workload.Namespace, progress, cancellationToken) || changed;
    }

    /// <summary>Undoes Telepath's changes to every workload and Service of a namespace (null: all), claims left by laptops included; how many workloads.</summary>
    public async Task<int> UninstallAllAsync(string? @namespace, IProgress<string>? progress, CancellationToken cancellationToken = default)
    {
        var services = @namespace is null
            ? await client.CoreV1.ListServiceForAllNamespacesAsync(cancellationToken: cancellationToken)
            : await client.CoreV1.ListNamespacedServiceAsync(@namespace, cancellationToken: cancellationToken);
        foreach (var service in services.Items.Where(s => s.Metadata.Annotations?.ContainsKey(AgentTemplate.OriginalPortsAnnotation) == true))
        {
            await _patcher.PatchServiceAsync(service, s => AgentRestorer.Plan(null, s).ServicePatch, cancellationToken);
        }

        var restored = 0;
        foreach (var workload in await new WorkloadClient(client).ListAsync(@namespace, cancellationToken))
        {
            if (AgentTemplate.IsInjected(workload) || ClaimAnnotations.Any(workload.Metadata))
            {
                restored += await RestoreAsync(workload.Kind, workload.Name, workload.Namespace, progress, cancellationToken) ? 1 : 0;
            }
        }

        return restored;
    }

    private async Task<bool> RestoreAsync(WorkloadKind kind, string name, string @namespace, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var live = await new WorkloadClient(client).GetAsync(kind, name, @namespace, cancellationToken);
        if (AgentRestorer.Plan(live, null).WorkloadPatch is null)
        {
            return false;
        }

        IReadOnlyList<string> kept = [];
        var restored = await _patcher.PatchWorkloadAsync(live, w =>
        {
            var plan = AgentRestorer.Plan(w, null);
            kept = plan.KeptChanges;
            return plan.WorkloadPatch;
        }, cancellationToken);
        await new PodRecycler(client).ReplaceOutdatedAsync(restored, cancellationToken);
        progress?.Report(
            !AgentTemplate.IsInjected(live) ? $"removed the intercept claims a laptop left on {restored.Describe()}"
            : kept.Count == 0 ? $"removed the traffic agent from {restored.Describe()}: it is as it was before"
            : $"removed the traffic agent from {restored.Describe()}, keeping what changed since it was added ({string.Join(", ", kept.Take(5))}{(kept.Count > 5 ? ", ..." : "")})");
        return true;
    }

    private static V1Patch? ServicePlan(Workload patched, V1Service service, InterceptTarget target, AgentSettings settings) =>
        AgentInjector.Plan(patched, service, target.Port, settings).ServicePatch;
}
