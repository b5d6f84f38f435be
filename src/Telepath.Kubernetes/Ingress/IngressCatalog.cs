using k8s;
using k8s.Autorest;
using k8s.Models;
using Telepath.Kubernetes.Errors;
using Telepath.Kubernetes.Workloads;

namespace Telepath.Kubernetes.Ingress;

/// <summary>Reads what <see cref="IngressDetector"/> needs from the cluster.</summary>
public sealed class IngressCatalog(IKubernetes client)
{
    /// <summary>
    /// The detected default for the target. A user who may not list Ingresses or Services in other
    /// namespaces still gets one: what cannot be read is left out, not an error.
    /// </summary>
    public async Task<IngressChoice> DetectAsync(InterceptTarget target, CancellationToken cancellationToken = default)
    {
        var ns = target.Service.Metadata.NamespaceProperty;
        var ingresses = await ReadOrEmptyAsync(async () => (await client.NetworkingV1.ListNamespacedIngressAsync(ns, cancellationToken: cancellationToken).ConfigureAwait(false)).Items).ConfigureAwait(false);
        var services = await ReadOrEmptyAsync(async () => (await client.CoreV1.ListServiceForAllNamespacesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Items).ConfigureAwait(false);
        return IngressDetector.Detect(target.Service, target.Port, ingresses, services.ToList());
    }

    private static async Task<IList<T>> ReadOrEmptyAsync<T>(Func<Task<IList<T>>> read)
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (KubeStatus.IsForbidden(e) || KubeStatus.IsNotFound(e))
        {
            return [];
        }
    }
}
