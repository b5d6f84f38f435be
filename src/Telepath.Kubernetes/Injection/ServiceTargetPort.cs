using k8s.Models;
using Telepath.Kubernetes.Json;

namespace Telepath.Kubernetes.Injection;

/// <summary>Points a Service port at the agent's named port, saving the original ports once.</summary>
public static class ServiceTargetPort
{
    public static V1Service Retarget(V1Service service, V1ServicePort servicePort, string agentPortName)
    {
        var planned = KubeJson.Clone(service);
        var port = planned.Spec.Ports.First(p => p.Port == servicePort.Port && (p.Protocol ?? "TCP") == (servicePort.Protocol ?? "TCP"));
        port.TargetPort = agentPortName;
        var annotations = planned.Metadata.Annotations ?? new Dictionary<string, string>();
        if (!annotations.ContainsKey(AgentTemplate.OriginalPortsAnnotation))
        {
            annotations[AgentTemplate.OriginalPortsAnnotation] = KubeJson.ToNode(service.Spec.Ports).ToJsonString();
        }

        planned.Metadata.Annotations = annotations;
        return planned;
    }
}
