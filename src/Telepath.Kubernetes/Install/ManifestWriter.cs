using k8s;
using k8s.Autorest;
using k8s.Models;
using Telepath.Core;
using Telepath.Kubernetes.Errors;

namespace Telepath.Kubernetes.Install;

/// <summary>Creates, replaces and deletes the typed manifest objects, one switch for all kinds.</summary>
internal sealed class ManifestWriter(IKubernetes client)
{
    /// <summary>Creates the object; false when it was already there (it is left as it is).</summary>
    public async Task<bool> CreateAsync(IKubernetesObject<V1ObjectMeta> item, CancellationToken cancellationToken)
    {
        try
        {
            await (item switch
            {
                V1Namespace n => client.CoreV1.CreateNamespaceAsync(n, cancellationToken: cancellationToken),
                V1ServiceAccount a => client.CoreV1.CreateNamespacedServiceAccountAsync(a, a.Namespace(), cancellationToken: cancellationToken),
                V1ClusterRole r => client.RbacAuthorizationV1.CreateClusterRoleAsync(r, cancellationToken: cancellationToken),
                V1ClusterRoleBinding b => client.RbacAuthorizationV1.CreateClusterRoleBindingAsync(b, cancellationToken: cancellationToken),
                V1Role r => client.RbacAuthorizationV1.CreateNamespacedRoleAsync(r, r.Namespace(), cancellationToken: cancellationToken),
                V1RoleBinding b => client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(b, b.Namespace(), cancellationToken: cancellationToken),
                V1Secret s => client.CoreV1.CreateNamespacedSecretAsync(s, s.Namespace(), cancellationToken: cancellationToken),
                V1Deployment d => client.AppsV1.CreateNamespacedDeploymentAsync(d, d.Namespace(), cancellationToken: cancellationToken),
                V1Service v => (Task)client.CoreV1.CreateNamespacedServiceAsync(v, v.Namespace(), cancellationToken: cancellationToken),
                V1NetworkPolicy p => client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(p, p.Namespace(), cancellationToken: cancellationToken),
                _ => throw new ArgumentException($"no writer for {item.Kind}", nameof(item)),
            });
            return true;
        }
        catch (HttpOperationException e) when (KubeStatus.IsConflict(e))
        {
            return false;
        }
        catch (HttpOperationException e) when (KubeStatus.IsForbidden(e))
        {
            throw Forbidden.ToUserError(e, "create", ManifestResources.Of(item), item.Namespace());
        }
    }

    /// <summary>
    /// As <see cref="CreateAsync"/>, but a refusal counts as "not created": checking a running manager's
    /// objects must not stop a user who may use it (the telepath-client Role) but not install it.
    /// </summary>
    public async Task<bool> CreateIfAllowedAsync(IKubernetesObject<V1ObjectMeta> item, CancellationToken cancellationToken)
    {
        try
        {
            return await CreateAsync(item, cancellationToken);
        }
        catch (UserErrorException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    // Controllers write to the objects we replace (a Deployment's status changes as its pods come and
    // go), so a replace made from a read a moment old may meet a newer version: read again and retry.
    private const int ReplaceAttempts = 5;

    /// <summary>
    /// Replaces the object with this one, keeping what the server owns; creates it when missing. A
    /// conflict (the object changed since it was read) is retried on a fresh read, as kubectl does.
    /// </summary>
    public async Task ReplaceAsync(IKubernetesObject<V1ObjectMeta> item, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ReplaceOnceAsync(item, cancellationToken);
                return;
            }
            catch (HttpOperationException e) when (KubeStatus.IsConflict(e) && attempt < ReplaceAttempts)
            {
                // Someone wrote it between our read and our replace.
            }
        }
    }

    private async Task ReplaceOnceAsync(IKubernetesObject<V1ObjectMeta> item, CancellationToken cancellationToken)
    {
        var live = await ReadAsync(item, cancellationToken);
        if (live is null)
        {
            await CreateAsync(item, cancellationToken);
            return;
        }

        item.Metadata.ResourceVersion = live.Metadata.ResourceVersion;
        try
        {
            await (item switch
            {
                V1ClusterRole r => client.RbacAuthorizationV1.ReplaceClusterRoleAsync(r, r.Name(), cancellationToken: cancellationToken),
                V1ClusterRoleBinding b => client.RbacAuthorizationV1.ReplaceClusterRoleBindingAsync(b, b.Name(), cancellationToken: cancellationToken),
                V1Role r => client.RbacAuthorizationV1.ReplaceNamespacedRoleAsync(r, r.Name(), r.Namespace(), cancellationToken: cancellationToken),
                V1RoleBinding b => client.RbacAuthorizationV1.ReplaceNamespacedRoleBindingAsync(b, b.Name(), b.Namespace(), cancellationToken: cancellationToken),
                V1Deployment d => client.AppsV1.ReplaceNamespacedDeploymentAsync(d, d.Name(), d.Namespace(), cancellationToken: cancellationToken),
                V1Service v => (Task)client.CoreV1.ReplaceNamespacedServiceAsync(KeepClusterIp(v, (V1Service)live), v.Name(), v.Namespace(), cancellationToken: cancellationToken),
                V1NetworkPolicy p => client.NetworkingV1.ReplaceNamespacedNetworkPolicyAsync(p, p.Name(), p.Namespace(), cancellationToken: cancellationToken),
                _ => Task.CompletedTask, // namespaces and accounts stay as they are
            });
        }
        catch (HttpOperationException e) when (KubeStatus.IsForbidden(e))
        {
            throw Forbidden.ToUserError(e, "update", ManifestResources.Of(item), item.Namespace());
        }
    }

    public async Task<IKubernetesObject<V1ObjectMeta>?> ReadAsync(IKubernetesObject<V1ObjectMeta> item, CancellationToken cancellationToken)
    {
        try
        {
            return item switch
            {
                V1Namespace n => await client.CoreV1.ReadNamespaceAsync(n.Name(), cancellationToken: cancellationToken),
                V1ServiceAccount a => await client.CoreV1.ReadNamespacedServiceAccountAsync(a.Name(), a.Namespace(), cancellationToken: cancellationToken),
                V1ClusterRole r => await client.RbacAuthorizationV1.ReadClusterRoleAsync(r.Name(), cancellationToken: cancellationToken),
                V1ClusterRoleBinding b => await client.RbacAuthorizationV1.ReadClusterRoleBindingAsync(b.Name(), cancellationToken: cancellationToken),
                V1Role r => await client.RbacAuthorizationV1.ReadNamespacedRoleAsync(r.Name(), r.Namespace(), cancellationToken: cancellationToken),
                V1RoleBinding b => await client.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync(b.Name(), b.Namespace(), cancellationToken: cancellationToken),
                V1Secret s => await client.CoreV1.ReadNamespacedSecretAsync(s.Name(), s.Namespace(), cancellationToken: cancellationToken),
                V1Deployment d => await client.AppsV1.ReadNamespacedDeploymentAsync(d.Name(), d.Namespace(), cancellationToken: cancellationToken),
                V1Service v => await client.CoreV1.ReadNamespacedServiceAsync(v.Name(), v.Namespace(), cancellationToken: cancellationToken),
                V1NetworkPolicy p => await client.NetworkingV1.ReadNamespacedNetworkPolicyAsync(p.Name(), p.Namespace(), cancellationToken: cancellationToken),
                _ => throw new ArgumentException($"no reader for {item.Kind}", nameof(item)),
            };
        }
        catch (HttpOperationException e) when (KubeStatus.IsNotFound(e))
        {
            return null;
        }
    }

    /// <summary>Deletes the object; false when it was not there.</summary>
    public async Task<bool> DeleteAsync(IKubernetesObject<V1ObjectMeta> item, CancellationToken cancellationToken)
    {
        try
        {
            await (item switch
            {
                V1Namespace n => client.CoreV1.DeleteNamespaceAsync(n.Name(), cancellationToken: cancellationToken),
                V1ServiceAccount a => client.CoreV1.DeleteNamespacedServiceAccountAsync(a.Name(), a.Namespace(), cancellationToken: cancellationToken),
                V1ClusterRole r => client.RbacAuthorizationV1.DeleteClusterRoleAsync(r.Name(), cancellationToken: cancellationToken),
                V1ClusterRoleBinding b => client.RbacAuthorizationV1.DeleteClusterRoleBindingAsync(b.Name(), cancellationToken: cancellationToken),
                V1Role r => client.RbacAuthorizationV1.DeleteNamespacedRoleAsync(r.Name(), r.Namespace(), cancellationToken: cancellationToken),
                V1RoleBinding b => client.RbacAuthorizationV1.DeleteNamespacedRoleBindingAsync(b.Name(), b.Namespace(), cancellationToken: cancellationToken),
                V1Secret s => client.CoreV1.DeleteNamespacedSecretAsync(s.Name(), s.Namespace(), cancellationToken: cancellationToken),
                V1Deployment d => client.AppsV1.DeleteNamespacedDeploymentAsync(d.Name(), d.Namespace(), cancellationToken: cancellationToken),
                V1Service v => (Task)client.CoreV1.DeleteNamespacedServiceAsync(v.Name(), v.Namespace(), cancellationToken: cancellationToken),
                V1NetworkPolicy p => client.NetworkingV1.DeleteNamespacedNetworkPolicyAsync(p.Name(), p.Namespace(), cancellationToken: cancellationToken),
                _ => throw new ArgumentException($"no deleter for {item.Kind}", nameof(item)),
            });
            return true;
        }
        catch (System.Text.Json.JsonException)
        {
            // Deleted; the answer was a Status where the client expected the object (or the
            // reverse): servers differ in which kinds return the deleted object.
            return true;
        }
        catch (HttpOperationException e) when (KubeStatus.IsNotFound(e))
        {
            return false;
        }
        catch (HttpOperationException e) when (KubeStatus.IsForbidden(e))
        {
            throw Forbidden.ToUserError(e, "delete", ManifestResources.Of(item), item.Namespace());
        }
    }

    // A Service's clusterIP cannot change; a replacement must carry the one it has.
    private static V1Service KeepClusterIp(V1Service wanted, V1Service live)
    {
        wanted.Spec.ClusterIP = live.Spec.ClusterIP;
        wanted.Spec.ClusterIPs = live.Spec.ClusterIPs;
        return wanted;
    }
}
