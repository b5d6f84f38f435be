using k8s;
using k8s.Autorest;
using Telepath.Kubernetes.Errors;
using Telepath.Kubernetes.Manifests;

namespace Telepath.Kubernetes.Injection;

/// <summary>
/// The copies of the manager's token (Secret <c>telepath-agent-token</c>) that versions before
/// Kubernetes identity put beside each injected workload, for the agent to mount. Nothing makes
/// them any more; <c>uninstall --everything</c> deletes them, after the agents that mounted them
/// are gone (a pod whose Secret volume is missing does not start).
/// </summary>
public sealed class LegacyAgentTokenSecrets(IKubernetes client)
{
    public const string Name = "telepath-agent-token";

    /// <summary>Removes the copies from every namespace (or one); the count removed.</summary>
    public async Task<int> DeleteAllAsync(string? @namespace, CancellationToken cancellationToken)
    {
        var selector = $"{ManagerLabels.ManagedBy}={ManagerLabels.Telepath},{ManagerLabels.Name}={Name}";
        var secrets = @namespace is null
            ? await client.CoreV1.ListSecretForAllNamespacesAsync(labelSelector: selector, cancellationToken: cancellationToken)
            : await client.CoreV1.ListNamespacedSecretAsync(@namespace, labelSelector: selector, cancellationToken: cancellationToken);
        var removed = 0;
        foreach (var secret in secrets.Items)
        {
            try
            {
                await client.CoreV1.DeleteNamespacedSecretAsync(secret.Metadata.Name, secret.Metadata.NamespaceProperty, cancellationToken: cancellationToken);
                removed++;
            }
            catch (HttpOperationException e) when (KubeStatus.IsNotFound(e))
            {
            }
            catch (HttpOperationException e) when (KubeStatus.IsForbidden(e))
            {
                throw Forbidden.ToUserError(e, "delete", "secrets", secret.Metadata.NamespaceProperty);
            }
        }

        return removed;
    }
}
