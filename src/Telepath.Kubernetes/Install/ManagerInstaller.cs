using k8s;
using k8s.Models;
using Telepath.Core;
using Telepath.Kubernetes.Manifests;
using Telepath.Kubernetes.Rollout;
using Telepath.Kubernetes.Workloads;

namespace Telepath.Kubernetes.Install;

/// <summary>
/// Installs, upgrades and removes the traffic manager from the typed manifests. Install creates
/// what is missing and touches nothing that is there; a manager of another version is reported,
/// not replaced: replacing it is <see cref="UpgradeAsync"/>'s job.
/// </summary>
public sealed class ManagerInstaller(IKubernetes client)
{
    public static readonly TimeSpan DefaultReadyTimeout = TimeSpan.FromMinutes(2);

    private readonly ManifestWriter _writer = new(client);
    private readonly LegacyManagerToken _legacyToken = new(client);

    public async Task<ManagerStatus?> GetStatusAsync(string @namespace, CancellationToken cancellationToken = default) =>
        Status(await ReadDeploymentAsync(@namespace, cancellationToken));

    /// <summary>Creates what is missing, then waits for the manager to be ready.</summary>
    public async Task<ManagerInstallResult> EnsureInstalledAsync(
        ManagerInstallOptions options, IProgress<string>? progress, CancellationToken cancellationToken = default, TimeSpan? readyTimeout = null)
    {
        var live = await ReadDeploymentAsync(options.Namespace, cancellationToken);
        var installed = Status(live);
        var created = new List<string>();
        var manifests = ManagerManifests.Build(options);
        if (installed is { ReadyReplicas: > 0 })
        {
            // The usual connect: everything is there. Still make sure of each object (someone may
            // have deleted the Service the agents need), but all at once: one round trip, not ten;
            // and only where the user may, since using a running manager needs no right to install it.
            var results = await Task.WhenAll(manifests.Select(item => _writer.CreateIfAllowedAsync(item, cancellationToken)));
            created.AddRange(manifests.Where((_, i) => results[i]).Select(item => $"{item.Kind} {item.Name()}"));
        }
        else
        {
            foreach (var item in manifests)
            {
                if (await _writer.CreateAsync(item, cancellationToken))
                {
                    created.Add($"{item.Kind} {item.Name()}");
                }
            }
        }

        foreach (var item in created)
        {
            progress?.Report($"created {item}");
        }

        var result = new ManagerInstallResult(created, installed is null ? null : installed.Version ?? "unknown", options.EffectiveTag);
        if (result.VersionMismatch)
        {
            progress?.Report(
                $"the traffic manager in namespace \"{options.Namespace}\" is {result.InstalledVersion}, not {result.WantedVersion}: \"telepath install --upgrade\" replaces it");
        }

        if (created.Count > 0 || installed is not { ReadyReplicas: > 0 })
        {
            await WaitReadyAsync(options.Namespace, readyTimeout ?? DefaultReadyTimeout, progress, cancellationToken);
        }

        await RemoveLegacyTokenAsync(live, options.Namespace, progress, cancellationToken);
        return result;
    }

    /// <summary>Replaces the manager's Deployment, Service and RBAC with these options' version.</summary>
    public async Task<ManagerInstallResult> UpgradeAsync(
        ManagerInstallOptions options, IProgress<string>? progress, CancellationToken cancellationToken = default, TimeSpan? readyTimeout = null)
    {
        var installed = await GetStatusAsync(options.Namespace, cancellationToken);
        foreach (var item in ManagerManifests.Build(options))
        {
            await _writer.ReplaceAsync(item, cancellationToken);
        }

        progress?.Report($"the traffic manager in namespace \"{options.Namespace}\" is now {options.EffectiveTag}");
        await WaitReadyAsync(options.Namespace, readyTimeout ?? DefaultReadyTimeout, progress, cancellationToken);

        // Only now: until the new manager is ready, going back to the old one may still need it.
        await RemoveLegacyTokenAsync(null, options.Namespace, progress, cancellationToken);
        return new ManagerInstallResult([], installed?.Version, options.EffectiveTag);
    }

    /// <summary>
    /// Deletes what install created, last created first, and the token Secret of older versions.
    /// The namespace goes only when install made it (it carries Telepath's label). Deleting what
    /// is already gone is fine.
    /// </summary>
    public async Task<bool> UninstallAsync(string @namespace, IProgress<string>? progress, CancellationToken cancellationToken = default)
    {
        var removedAny = false;
        var items = ManagerManifests.Build(new ManagerInstallOptions(@namespace)).Reverse().ToList();
        items.Insert(items.FindIndex(item => item is V1Namespace), LegacyManagerToken.Probe(@namespace));
        foreach (var item in items)
        {
            if (item is V1Namespace && !await CreatedByTelepathAsync(item, cancellationToken))
            {
                continue;
            }

            if (await _writer.DeleteAsync(item, cancellationToken))
            {
                removedAny = true;
                progress?.Report($"deleted {item.Kind} {item.Name()}");
            }
        }

        return removedAny;
    }

    /// <summary>Waits until the manager's Deployment has rolled out, failing with its pod's own reason.</summary>
    public async Task WaitReadyAsync(string @namespace, TimeSpan timeout, IProgress<string>? progress, CancellationToken cancellationToken = default)
    {
        var deployment = await new WorkloadClient(client).GetAsync(WorkloadKind.Deployment, ManagerNames.Manager, @namespace, cancellationToken);
        progress?.Report("waiting for the traffic manager to be ready");
        var outcome = await new RolloutWatcher(client).WaitAsync(deployment, timeout, progress, cancellationToken);
        if (!outcome.Succeeded)
        {
            throw new UserErrorException($"the traffic manager in namespace \"{@namespace}\" is not ready: {outcome.Failure}");
        }
    }

    private async Task RemoveLegacyTokenAsync(V1Deployment? found, string @namespace, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        if (await _legacyToken.DeleteUnlessMountedAsync(found, @namespace, cancellationToken))
        {
            progress?.Report($"deleted Secret {ManagerNames.LegacyTokenSecret}: the manager no longer shares a token");
        }
    }

    private async Task<bool> CreatedByTelepathAsync(IKubernetesObject<V1ObjectMeta> item, CancellationToken cancellationToken) =>
        (await _writer.ReadAsync(item, cancellationToken))?.Metadata.Labels?.TryGetValue(ManagerLabels.ManagedBy, out var by) == true
        && by == ManagerLabels.Telepath;

    private async Task<V1Deployment?> ReadDeploymentAsync(string @namespace, CancellationToken cancellationToken) =>
        await _writer.ReadAsync(new V1Deployment { Metadata = new V1ObjectMeta { Name = ManagerNames.Manager, NamespaceProperty = @namespace } }, cancellationToken) as V1Deployment;

    private static ManagerStatus? Status(V1Deployment? live) => live is null
        ? null
        : new ManagerStatus(
            live.Namespace(),
            live.Name(),
            live.Metadata.Labels?.TryGetValue(ManagerLabels.Version, out var version) == true ? version : null,
            live.Spec.Template.Spec.Containers.FirstOrDefault()?.Image,
            live.Status?.ReadyReplicas ?? 0);
}
