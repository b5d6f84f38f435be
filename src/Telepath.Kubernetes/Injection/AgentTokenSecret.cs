using System.Text;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Telepath.Core;
using Telepath.Kubernetes.Errors;
using Telepath.Kubernetes.Install;
using Telepath.Kubernetes.Manifests;

namespace Telepath.Kubernetes.Injection;

/// <summary>
/// The manager's token in the workload's namespace, where the agent can mount it (a pod cannot
/// mount a Secret of another namespace). Labelled so that <c>uninstall --everything</c> finds it.
/// </summary>
public sealed class AgentTokenSecret(IKubernetes client)
{
    public async Task EnsureAsync(string managerNamespace, string @namespace, string name, CancellationToken cancellationToken)
    {
        var token = await new ManagerInstaller(client).ReadTokenAsync(managerNamespace, cancellationToken)
            ?? throw new UserErrorException(
                $"the traffic manager is not installed in namespace \"{managerNamespace}\" (no Secret {ManagerNames.TokenSecret}): run \"telepath install\"");
        var secret = new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = @namespace,
                Labels = new Dictionary<string, string>
                {
                    [ManagerLabels.ManagedBy] = ManagerLabels.Telepath,
                    [ManagerLabels.Name] = AgentTemplate.TokenSecretName,
                },
            },
            Type = "Opaque",
            Data = new Dictionary<string, byte[]> { [ManagerNames.TokenKey] = Encoding.UTF8.GetBytes(token) },
        };
        try
        {
            await client.CoreV1.CreateNamespacedSecretAsync(secret, @namespace, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e) when (KubeStatus.IsConflict(e))
        {
            // Copied by an earlier intercept. A reinstalled manager has a new token: keep them equal.
            await client.CoreV1.ReplaceNamespacedSecretAsync(secret, name, @namespace, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e) when (KubeStatus.IsForbidden(e))
        {
            throw Forbidden.ToUserError(e, "create", "secrets", @namespace);
        }
    }

    /// <summary>Removes the copies from every namespace (or one); the count removed.</summary>
    public async Task<int> DeleteAllAsync(string? @namespace, CancellationToken cancellationToken)
    {
        var selector = $"{ManagerLabels.ManagedBy}={ManagerLabels.Telepath},{ManagerLabels.Name}={AgentTemplate.TokenSecretName}";
        var secrets = @namespace is null
            ? await client.CoreV1.ListSecretForAllNamespacesAsync(labelSelector: selector, cancellationToken: cancellationToken)
            : await client.CoreV1.ListNamespacedSecretAsync(@namespace, labelSelector: selector, cancellationToken: cancellationToken);
        var removed = 0;
        foreach (var secret in secrets.Items)
        {
            try
            {
                await client.CoreV1.DeleteNamespacedSecretAsync(secret.Name(), secret.Namespace(), cancellationToken: cancellationToken);
                removed++;
            }
            catch (HttpOperationException e) when (KubeStatus.IsNotFound(e))
            {
            }
        }

        return removed;
    }
}
