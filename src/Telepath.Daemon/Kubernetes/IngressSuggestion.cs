using Telepath.Kubernetes.Ingress;
using Telepath.Protocol.Daemon;

namespace Telepath.Daemon.Kubernetes;

/// <summary>The detected default ingress for an intercept's workload and Service port.</summary>
public static class IngressSuggestion
{
    public static async Task<IngressInfo> ForAsync(KubeSession kube, InterceptRequest request, CancellationToken cancellationToken)
    {
        var target = await InterceptTargets.ResolveAsync(kube, request, cancellationToken).ConfigureAwait(false);
        var choice = await new IngressCatalog(kube.Access.Client).DetectAsync(target, cancellationToken).ConfigureAwait(false);
        return new IngressInfo { Host = choice.Host, Port = choice.Port, UseTls = choice.UseTls, L5Host = choice.L5Host, Source = choice.Source };
    }
}
