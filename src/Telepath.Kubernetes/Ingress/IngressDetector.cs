using k8s.Models;

namespace Telepath.Kubernetes.Ingress;

/// <summary>
/// The default answer to "where do preview requests enter the cluster?", best first:
/// <list type="number">
/// <item>an Ingress that routes to the intercepted Service: its rule's host, TLS when the host is
/// in its tls section, and the address its controller published (else the controller's Service);</item>
/// <item>the Service of a well-known ingress controller;</item>
/// <item>the intercepted Service itself, which reaches the agent without any ingress.</item>
/// </list>
/// </summary>
public static class IngressDetector
{
    public static IngressChoice Detect(V1Service target, V1ServicePort port, IEnumerable<V1Ingress> ingresses, IReadOnlyList<V1Service> services)
    {
        var controller = IngressControllers.Find(services);
        foreach (var ingress in ingresses
            .Where(i => i.Metadata.NamespaceProperty == target.Metadata.NamespaceProperty)
            .OrderBy(i => i.Metadata.Name, StringComparer.Ordinal))
        {
            if (RouteTo(ingress, target.Metadata.Name) is { } rule)
            {
                var tls = ingress.Spec.Tls?.Any(t => rule.Host is null || t.Hosts?.Contains(rule.Host) == true) == true;
                var address = PublishedAddress(ingress) ?? ServiceHost(controller) ?? rule.Host;
                if (address is not null)
                {
                    return new IngressChoice(address, tls ? 443 : 80, tls, rule.Host ?? address, $"Ingress {ingress.Metadata.NamespaceProperty}/{ingress.Metadata.Name}");
                }
            }
        }

        if (controller is not null)
        {
            var host = ServiceHost(controller)!;
            return new IngressChoice(host, IngressControllers.HttpPort(controller), false, host, $"ingress controller Service {controller.Metadata.NamespaceProperty}/{controller.Metadata.Name}");
        }

        var own = ServiceHost(target)!;
        return new IngressChoice(own, port.Port, false, own, "the intercepted Service (no ingress found)");
    }

    private static V1IngressRule? RouteTo(V1Ingress ingress, string service)
    {
        foreach (var rule in ingress.Spec.Rules ?? [])
        {
            if (rule.Http?.Paths?.Any(p => p.Backend?.Service?.Name == service) == true)
            {
                return rule;
            }
        }

        return ingress.Spec.DefaultBackend?.Service?.Name == service ? new V1IngressRule() : null;
    }

    private static string? PublishedAddress(V1Ingress ingress) =>
        ingress.Status?.LoadBalancer?.Ingress?.Select(i => i.Ip ?? i.Hostname).FirstOrDefault(a => !string.IsNullOrEmpty(a));

    private static string? ServiceHost(V1Service? service) =>
        service is null ? null : $"{service.Metadata.Name}.{service.Metadata.NamespaceProperty}";
}
