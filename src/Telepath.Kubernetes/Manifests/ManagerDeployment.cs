using k8s.Models;

namespace Telepath.Kubernetes.Manifests;

/// <summary>
/// The manager's Deployment: one replica of the server image. It runs without <c>--token-file</c>,
/// which makes it trust Kubernetes: agents' projected tokens checked by TokenReview, and laptops
/// that reach it through the API server's port-forward.
/// </summary>
public static class ManagerDeployment
{
    /// <summary>
    /// The uid of the user "app" in the .NET runtime images. The image names its user, and a
    /// name cannot be checked against runAsNonRoot, so the pod says the number.
    /// </summary>
    public const long AppUserId = 1654;

    public static V1Deployment Build(ManagerInstallOptions options)
    {
        var version = options.EffectiveTag;
        return new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = ManagerManifests.Meta(ManagerNames.Manager, options.Namespace, ManagerLabels.Manager(version)),
            Spec = new V1DeploymentSpec
            {
                Replicas = 1,
                Selector = new V1LabelSelector { MatchLabels = ManagerLabels.Selector() },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = ManagerLabels.Manager(version) },
                    Spec = new V1PodSpec
                    {
                        ServiceAccountName = ManagerNames.Manager,
                        SecurityContext = new V1PodSecurityContext
                        {
                            RunAsNonRoot = true,
                            RunAsUser = AppUserId,
                            SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
                        },
                        Containers = [Container(options)],
                        // The root file system is read-only; .NET still wants a writable /tmp.
                        Volumes = [new V1Volume { Name = "tmp", EmptyDir = new V1EmptyDirVolumeSource() }],
                    },
                },
            },
        };
    }

    private static V1Container Container(ManagerInstallOptions options) => new()
    {
        Name = "manager",
        Image = options.ImageReference,
        Args = ["manager", "--listen", $":{ManagerNames.GrpcPort}"],
        Ports = [new V1ContainerPort { Name = ManagerNames.GrpcPortName, ContainerPort = ManagerNames.GrpcPort, Protocol = "TCP" }],
        // The manager refuses to dial its own pod for laptops; its interfaces name the address too, this says it for certain.
        Env =
        [
            new V1EnvVar { Name = "POD_IP", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "status.podIP" } } },
        ],
        ReadinessProbe = new V1Probe
        {
            TcpSocket = new V1TCPSocketAction { Port = ManagerNames.GrpcPort },
            PeriodSeconds = 2,
        },
        Resources = new V1ResourceRequirements
        {
            Requests = new Dictionary<string, ResourceQuantity>
            {
                ["cpu"] = new("50m"),
                ["memory"] = new("64Mi"),
            },
            Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("256Mi") },
        },
        SecurityContext = new V1SecurityContext
        {
            AllowPrivilegeEscalation = false,
            ReadOnlyRootFilesystem = true,
            Capabilities = new V1Capabilities { Drop = ["ALL"] },
        },
        VolumeMounts = [new V1VolumeMount { Name = "tmp", MountPath = "/tmp" }],
    };
}
