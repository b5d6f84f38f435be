using k8s.Models;
using Telepath.Kubernetes.Tests.Infrastructure;
using Telepath.Kubernetes.Workloads;

namespace Telepath.Kubernetes.Tests.Injection;

/// <summary>Workloads whose app mounts volumes the way real ones do.</summary>
internal static class VolumeWorkloads
{
    /// <summary>
    /// One file of a ConfigMap (subPath), a Secret mounted read-only, a writable emptyDir and a
    /// PersistentVolumeClaim under a subPathExpr.
    /// </summary>
    public static Workload Deployment(string name = "orders")
    {
        var workload = Objects.Deployment(name);
        var spec = workload.Template.Spec;
        spec.Volumes =
        [
            new V1Volume { Name = "config", ConfigMap = new V1ConfigMapVolumeSource { Name = "orders-config" } },
            new V1Volume { Name = "db", Secret = new V1SecretVolumeSource { SecretName = "db", DefaultMode = 0x100 } },
            new V1Volume { Name = "cache", EmptyDir = new V1EmptyDirVolumeSource() },
            new V1Volume { Name = "data", PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = "orders-data" } },
        ];
        spec.Containers[0].VolumeMounts =
        [
            new V1VolumeMount { Name = "config", MountPath = "/etc/orders/app.yaml", SubPath = "app.yaml" },
            new V1VolumeMount { Name = "db", MountPath = "/var/secrets/db", ReadOnlyProperty = true },
            new V1VolumeMount { Name = "cache", MountPath = "/var/cache/orders" },
            new V1VolumeMount { Name = "data", MountPath = "/data", SubPathExpr = "$(MODE)" },
        ];
        return workload;
    }

    /// <summary>The <c>--volume</c> arguments the agent of <see cref="Deployment"/> gets, the API token's last.</summary>
    public static readonly string[] Args =
    [
        "--volume", "/etc/orders/app.yaml=/telepath/volumes/etc/orders/app.yaml:ro",
        "--volume", "/var/secrets/db=/telepath/volumes/var/secrets/db:ro",
        "--volume", "/var/cache/orders=/telepath/volumes/var/cache/orders",
        "--volume", "/data=/telepath/volumes/data",
        "--volume", "/var/run/secrets/kubernetes.io/serviceaccount=/var/run/secrets/kubernetes.io/serviceaccount:ro",
    ];

    /// <summary>The agent's mounts in <see cref="Deployment"/>, as <see cref="Describe"/> writes them: its identity's, then the app's.</summary>
    public static readonly string[] AgentMounts =
    [
        "telepath-agent-identity at /var/run/secrets/telepath.io/agent subPath= subPathExpr= readOnly=True",
        "config at /telepath/volumes/etc/orders/app.yaml subPath=app.yaml subPathExpr= readOnly=",
        "db at /telepath/volumes/var/secrets/db subPath= subPathExpr= readOnly=True",
        "cache at /telepath/volumes/var/cache/orders subPath= subPathExpr= readOnly=",
        "data at /telepath/volumes/data subPath= subPathExpr=$(TELEPATH_APP_MODE) readOnly=",
    ];

    public static string Describe(V1VolumeMount m) =>
        $"{m.Name} at {m.MountPath} subPath={m.SubPath} subPathExpr={m.SubPathExpr} readOnly={m.ReadOnlyProperty}";

    /// <summary>The args every agent has before any <c>--volume</c>.</summary>
    public static readonly string[] BaseArgs =
    [
        "agent", "--workload", "orders", "--namespace", "default", "--kind", "Deployment", "--listen", ":9900",
        "--app", "127.0.0.1:8080", "--manager", "telepath-manager.telepath:8081", "--token-file", "/var/run/secrets/telepath.io/agent/token",
    ];
}
