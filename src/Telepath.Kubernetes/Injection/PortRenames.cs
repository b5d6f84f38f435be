using k8s.Models;

namespace Telepath.Kubernetes.Injection;

/// <summary>
/// Renames a container's port and every probe of the container that refers to it by name, so
/// that the app's own probes keep working when the agent takes the name.
/// </summary>
public static class PortRenames
{
    public static void Rename(V1Container container, string from, string to)
    {
        foreach (var port in container.Ports ?? [])
        {
            if (port.Name == from)
            {
                port.Name = to;
            }
        }

        foreach (var probe in new[] { container.LivenessProbe, container.ReadinessProbe, container.StartupProbe })
        {
            if (probe?.HttpGet is { } http && http.Port?.Value == from)
            {
                http.Port = to;
            }

            if (probe?.TcpSocket is { } tcp && tcp.Port?.Value == from)
            {
                tcp.Port = to;
            }
        }
    }
}
