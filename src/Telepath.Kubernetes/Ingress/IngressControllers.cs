using k8s.Models;

namespace Telepath.Kubernetes.Ingress;

/// <summary>
/// Recognises the Service in front of a well-known ingress controller by the labels their Helm
/// charts and manifests set, so that a cluster without Ingress objects for the workload still
/// gets a sensible default.
/// </summary>
public static class IngressControllers
{
    // In order of preference when a cluster runs several.
    private static readonly string[] KnownNames =
    [
        "ingress-nginx", "traefik", "emissary-ingress", "ambassador", "contour", "envoy", "haproxy-ingress", "kong", "istio-ingressgateway",
    ];

    private static readonly string[] NameLabels = ["app.kubernetes.io/name", "app", "istio"];

    public static V1Service? Find(IEnumerable<V1Service> services) =>
        services
            .Select(s => (Service: s, Rank: Rank(s)))
            .Where(s => s.Rank >= 0)
            .OrderBy(s => s.Rank)
            .ThenBy(s => s.Service.Metadata.NamespaceProperty, StringComparer.Ordinal)
            .ThenBy(s => s.Service.Metadata.Name, StringComparer.Ordinal)
            .Select(s => s.Service)
            .FirstOrDefault();

    private static int Rank(V1Service service)
    {
        // Admission webhooks and metrics Services of a controller carry the same labels; they do not take traffic.
        var labels = service.Metadata.Labels ?? new Dictionary<string, string>();
        var component = labels.TryGetValue("app.kubernetes.io/component", out var c) ? c : null;
        if (component is "admission-webhook" or "metrics" || service.Metadata.Name.EndsWith("-admission", StringComparison.Ordinal))
        {
            return -1;
        }

        foreach (var key in NameLabels)
        {
            if (labels.TryGetValue(key, out var value) && Array.IndexOf(KnownNames, value) is var index and >= 0)
            {
                return index;
            }
        }

        return -1;
    }

    /// <summary>The controller Service's plain HTTP port (named http, else 80, else the first).</summary>
    public static int HttpPort(V1Service controller)
    {
        var ports = controller.Spec.Ports ?? [];
        return (ports.FirstOrDefault(p => p.Name == "http") ?? ports.FirstOrDefault(p => p.Port == 80) ?? ports.FirstOrDefault())?.Port ?? 80;
    }
}
