using k8s.Models;
using Telepath.Core;

namespace Telepath.Kubernetes.Workloads;

/// <summary>Picks the Service and the port an intercept takes over, or says what to choose.</summary>
public static class ServicePortChooser
{
    public static V1Service ChooseService(Workload workload, IReadOnlyList<V1Service> selecting, string? serviceName)
    {
        if (serviceName is { Length: > 0 })
        {
            return selecting.FirstOrDefault(s => s.Metadata.Name == serviceName)
                ?? throw new UserErrorException(selecting.Count == 0
                    ? $"service \"{serviceName}\" does not select workload \"{workload.Name}\": no service selects it"
                    : $"service \"{serviceName}\" does not select workload \"{workload.Name}\" (it is selected by {Names(selecting)})");
        }

        return selecting.Count switch
        {
            0 => throw new UserErrorException($"workload \"{workload.Name}\" is not interceptable: no service selects it"),
            1 => selecting[0],
            _ => throw new UserErrorException(
                $"workload \"{workload.Name}\" is selected by {selecting.Count} services ({Names(selecting)}); choose one with --service"),
        };
    }

    /// <param name="servicePort">The SVCPORT of <c>--port LOCAL:SVCPORT</c>: a port's name or number; null for the only one.</param>
    public static V1ServicePort ChoosePort(V1Service service, string? servicePort)
    {
        var ports = service.Spec.Ports ?? [];
        if (servicePort is { Length: > 0 })
        {
            var byNumber = int.TryParse(servicePort, out var number);
            return ports.FirstOrDefault(p => byNumber ? p.Port == number : p.Name == servicePort)
                ?? throw new UserErrorException(
                    $"service \"{service.Metadata.Name}\" has no port {(byNumber ? number.ToString() : $"named \"{servicePort}\"")} (it has {Describe(ports)})");
        }

        return ports.Count switch
        {
            0 => throw new UserErrorException($"service \"{service.Metadata.Name}\" has no ports"),
            1 => ports[0],
            _ => throw new UserErrorException(
                $"service \"{service.Metadata.Name}\" has {ports.Count} ports ({Describe(ports)}); choose one with --port LOCAL:SVCPORT"),
        };
    }

    private static string Names(IEnumerable<V1Service> services) => string.Join(", ", services.Select(s => s.Metadata.Name));

    private static string Describe(IList<V1ServicePort> ports) =>
        ports.Count == 0 ? "none" : string.Join(", ", ports.Select(p => p.Name is { Length: > 0 } name ? $"{name} {p.Port}" : p.Port.ToString()));
}
