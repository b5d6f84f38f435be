using k8s.Models;
using Telepath.Core.Identity;
using Telepath.Kubernetes.Workloads;

namespace Telepath.Kubernetes.Injection;

/// <summary>The <c>telepath-agent</c> sidecar: <c>telepath-server agent ...</c> in front of the app's port.</summary>
public static class AgentContainer
{
    public static V1Container Build(
        Workload workload, V1PodSpec pod, V1Container app, int appPort, string portName, int agentPort, AgentSettings settings) => new()
        {
            Name = AgentTemplate.ContainerName,
            Image = settings.Image,
            ImagePullPolicy = "IfNotPresent",
            Args =
        [
            "agent",
            "--workload", workload.Name,
            "--namespace", workload.Namespace,
            "--kind", workload.Kind.ToString(),
            "--listen", $":{agentPort}",
            "--app", $"127.0.0.1:{appPort}",
            "--manager", settings.ManagerAddress,
            "--token-file", KubernetesIdentity.AgentTokenFile,
            .. AgentVolumes.Args(pod, app),
        ],
            Ports = [new V1ContainerPort { Name = portName, ContainerPort = agentPort, Protocol = "TCP" }],
            Env = AgentEnvironment.Variables(app),
            EnvFrom = AgentEnvironment.Sources(app),
            ReadinessProbe = new V1Probe { TcpSocket = new V1TCPSocketAction { Port = agentPort }, PeriodSeconds = 2 },
            Resources = new V1ResourceRequirements
            {
                Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("10m"), ["memory"] = new("48Mi") },
                Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("256Mi") },
            },
            SecurityContext = AgentSecurityContext.For(pod, app),
            VolumeMounts = [AgentIdentity.Mount(), .. AgentVolumes.Mounts(app)],
        };
}
