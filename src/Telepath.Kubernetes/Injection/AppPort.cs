using k8s.Models;
using Telepath.Core;
using Telepath.Kubernetes.Workloads;

namespace Telepath.Kubernetes.Injection;

/// <summary>The container and the port a Service port's targetPort reaches.</summary>
/// <param name="PortName">The targetPort's name when it is named; null when numeric.</param>
public sealed record AppPort(V1Container Container, int Number, string? PortName)
{
    public static AppPort Find(Workload workload, V1PodTemplateSpec template, V1Service service, V1ServicePort servicePort)
    {
        var target = servicePort.TargetPort?.Value is { Length: > 0 } value ? value : servicePort.Port.ToString();
        var protocol = servicePort.Protocol ?? "TCP";
        if (protocol != "TCP")
        {
            throw new UserErrorException($"service \"{service.Metadata.Name}\" port {servicePort.Port} is {protocol}: only TCP ports can be intercepted");
        }

        var containers = (template.Spec?.Containers ?? []).Where(c => c.Name != AgentTemplate.ContainerName).ToList();
        if (!int.TryParse(target, out var number))
        {
            foreach (var container in containers)
            {
                if (container.Ports?.FirstOrDefault(p => p.Name == target && (p.Protocol ?? "TCP") == "TCP") is { } port)
                {
                    return new AppPort(container, port.ContainerPort, target);
                }
            }

            throw new UserErrorException(
                $"service \"{service.Metadata.Name}\" targets port \"{target}\", but no container of {workload.Describe()} has a port of that name");
        }

        var declaring = containers.Where(c => c.Ports?.Any(p => p.ContainerPort == number && (p.Protocol ?? "TCP") == "TCP") == true).ToList();
        return declaring.Count switch
        {
            1 => new AppPort(declaring[0], number, null),
            0 when containers.Count == 1 => new AppPort(containers[0], number, null),
            _ => throw new UserErrorException(
                $"cannot tell which container of {workload.Describe()} listens on port {number}: declare it in the container's ports"),
        };
    }
}
