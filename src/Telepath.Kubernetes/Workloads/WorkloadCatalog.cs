using k8s;
using k8s.Models;
using Telepath.Core;

namespace Telepath.Kubernetes.Workloads;

/// <summary>The workloads of a namespace, whether each can be intercepted, and the resolution of one name.</summary>
public sealed class WorkloadCatalog(IKubernetes client)
{
    private readonly WorkloadClient _workloads = new(client);

    /// <summary>Deployments, StatefulSets and the ReplicaSets no Deployment owns, sorted by namespace and name.</summary>
    /// <param name="namespace">The namespace; null for all namespaces.</param>
    public async Task<IReadOnlyList<WorkloadEntry>> ListAsync(string? @namespace, CancellationToken cancellationToken = default)
    {
        var workloads = await _workloads.ListAsync(@namespace, cancellationToken);
        var services = await ListServicesAsync(@namespace, cancellationToken);
        return workloads
            .Where(w => !Interceptability.IsOwnedByDeployment(w))
            .Select(w => Interceptability.Judge(w, ServiceSelection.SelectingServices(w, services)))
            .OrderBy(e => e.Namespace, StringComparer.Ordinal)
            .ThenBy(e => e.Name, StringComparer.Ordinal)
            .ThenBy(e => e.Kind)
            .ToList();
    }

    /// <summary>Finds the workload called <paramref name="name"/> and the Service port an intercept of it takes over.</summary>
    /// <param name="serviceName">The --service flag; needed when several Services select the workload.</param>
    /// <param name="servicePort">The SVCPORT of --port; needed when the Service has several ports.</param>
    public async Task<InterceptTarget> ResolveAsync(
        string name, string @namespace, string? serviceName = null, string? servicePort = null, CancellationToken cancellationToken = default)
    {
        var candidates = (await _workloads.ListAsync(@namespace, cancellationToken)).Where(w => w.Name == name).ToList();
        var workload = PickByName(name, @namespace, candidates);
        if (Interceptability.Refusal(workload) is { } refusal)
        {
            throw new UserErrorException($"workload \"{name}\" is {refusal}");
        }

        var services = ServiceSelection.SelectingServices(workload, await ListServicesAsync(@namespace, cancellationToken));
        var service = ServicePortChooser.ChooseService(workload, services, serviceName);
        return new InterceptTarget(workload, service, ServicePortChooser.ChoosePort(service, servicePort));
    }

    internal static Workload PickByName(string name, string @namespace, IReadOnlyList<Workload> candidates)
    {
        var own = candidates.Where(w => !Interceptability.IsOwnedByDeployment(w)).ToList();
        if (own.Count == 1)
        {
            return own[0];
        }

        if (own.Count > 1)
        {
            throw new UserErrorException(
                $"\"{name}\" names {own.Count} workloads in namespace \"{@namespace}\" ({string.Join(", ", own.Select(w => w.Kind))}); rename one to intercept it");
        }

        var owned = candidates.FirstOrDefault();
        var owner = owned?.Metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true)?.Name;
        throw new UserErrorException(owner is null
            ? $"no workload \"{name}\" in namespace \"{@namespace}\" (see \"telepath list\")"
            : $"replicaset \"{name}\" is managed by deployment \"{owner}\": intercept \"{owner}\"");
    }

    private async Task<IReadOnlyList<V1Service>> ListServicesAsync(string? @namespace, CancellationToken cancellationToken)
    {
        var list = @namespace is null
            ? await client.CoreV1.ListServiceForAllNamespacesAsync(cancellationToken: cancellationToken)
            : await client.CoreV1.ListNamespacedServiceAsync(@namespace, cancellationToken: cancellationToken);
        return list.Items.ToList();
    }
}
