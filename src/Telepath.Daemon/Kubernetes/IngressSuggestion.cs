using Telepath.Kubernetes.Ingress;
using Telepath.Kubernetes.Workloads;
using Telepath.Protocol.Daemon;

namespace Telepath.Daemon.Kubernetes;

/// <summary>The detected default ingress for an intercept's workload and Service port.</summary>
public static class IngressSuggestion
{
    public static async Task<IngressInfo> ForAsync(KubeSession kube, InterceptRequest request, CancellationToken cancellationToken)
    {
        var client = kube.Access.Client;
        var target = await new WorkloadCatalog(client).ResolveAsync(
            request.Spec.Workload,
            kube.Namespace,
            request.Service.Length > 0 ? request.Service : null,
            request.ServicePort.Length > 0 ? request.ServicePort : null,
            cancellationToken).ConfigureAwait(false);
        var choice = await new IngressCatalog(client).DetectAsync(target, cancellationToken).ConfigureAwait(false);
        return new IngressInfo { Host = choice.Host, Port = choice.Port, UseTls = choice.UseTls, L5Host = choice.L5Host, Source = choice.Source };
    }
}
