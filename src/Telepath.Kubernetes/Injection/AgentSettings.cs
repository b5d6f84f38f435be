using Telepath.Kubernetes.Manifests;

namespace Telepath.Kubernetes.Injection;

/// <summary>How the injected traffic agent is run.</summary>
/// <param name="Image">The server image with its tag ("ghcr.io/telepath/telepath-server:v0.1.0").</param>
/// <param name="ManagerAddress">HOST:PORT where agents reach the manager inside the cluster.</param>
/// <param name="AgentPort">The first port the agent may listen on; the next free one is taken when the pod uses it.</param>
public sealed record AgentSettings(
    string Image,
    string ManagerAddress = "telepath-manager.telepath:8081",
    int AgentPort = 9900)
{
    public static AgentSettings For(ManagerInstallOptions install) =>
        new(install.ImageReference, ManagerNames.Address(install.Namespace));
}
