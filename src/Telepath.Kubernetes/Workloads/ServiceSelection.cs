using k8s.Models;

namespace Telepath.Kubernetes.Workloads;

/// <summary>Which Services send traffic to a workload's pods.</summary>
public static class ServiceSelection
{
    /// <summary>
    /// A Service selects a pod template when its selector is not empty and every key of it has the
    /// same value among the template's labels. A Service without a selector (endpoints kept by
    /// hand) or of type ExternalName selects nothing.
    /// </summary>
    public static bool Selects(V1Service service, IDictionary<string, string>? templateLabels)
    {
        var selector = service.Spec?.Selector;
        if (selector is null || selector.Count == 0 || service.Spec!.Type == "ExternalName")
        {
            return false;
        }

        return templateLabels is not null
            && selector.All(pair => templateLabels.TryGetValue(pair.Key, out var value) && value == pair.Value);
    }

    public static IReadOnlyList<V1Service> SelectingServices(Workload workload, IEnumerable<V1Service> services) =>
        services
            .Where(s => s.Metadata.NamespaceProperty == workload.Namespace && Selects(s, workload.Template.Metadata?.Labels))
            .OrderBy(s => s.Metadata.Name, StringComparer.Ordinal)
            .ToList();
}
