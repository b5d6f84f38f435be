using Telepath.Kubernetes.Workloads;
using Telepath.Protocol.Daemon;

namespace Telepath.Daemon.Kubernetes;

/// <summary>The workload, Service and port an intercept request names, in the connected namespace.</summary>
public static class InterceptTargets
{
    public static Task<InterceptTarget> ResolveAsync(KubeSession kube, InterceptRequest request, CancellationToken cancellationToken) =>
        new WorkloadCatalog(kube.Access.Client).ResolveAsync(
            request.Spec.Workload,
            kube.Namespace,
            request.Service.Length > 0 ? request.Service : null,
            request.ServicePort.Length > 0 ? request.ServicePort : null,
            cancellationToken);
}
