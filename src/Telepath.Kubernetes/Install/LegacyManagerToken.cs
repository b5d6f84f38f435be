using k8s;
using k8s.Autorest;
using k8s.Models;
using Telepath.Kubernetes.Errors;
using Telepath.Kubernetes.Manifests;

namespace Telepath.Kubernetes.Install;

/// <summary>
/// The Secret <c>telepath-manager-token</c> that versions before Kubernetes identity made for the
/// token the manager shared with laptops and agents. A manager of this version reads no token, so
/// install and upgrade delete it, unless the installed manager is of such a version and still
/// mounts it (its next pod would not start without it); uninstall deletes it with the rest.
/// </summary>
internal sealed class LegacyManagerToken(IKubernetes client)
{
    private readonly ManifestWriter _writer = new(client);

    public static V1Secret Probe(string @namespace) => new()
    {
        ApiVersion = "v1",
        Kind = "Secret",
        Metadata = new V1ObjectMeta { Name = ManagerNames.LegacyTokenSecret, NamespaceProperty = @namespace },
    };

    /// <summary>Deletes it unless <paramref name="manager"/> (the Deployment as it was found) mounts it; whether it was there to delete.</summary>
    /// <remarks>
    /// A user who may not delete Secrets there keeps it: it opens nothing on a manager that reads no
    /// token, and <c>telepath uninstall --everything</c> removes it.
    /// </remarks>
    public async Task<bool> DeleteUnlessMountedAsync(V1Deployment? manager, string @namespace, CancellationToken cancellationToken)
    {
        if (manager?.Spec?.Template?.Spec?.Volumes?.Any(v => v.Secret?.SecretName == ManagerNames.LegacyTokenSecret) == true)
        {
            return false;
        }

        try
        {
            await client.CoreV1.DeleteNamespacedSecretAsync(ManagerNames.LegacyTokenSecret, @namespace, cancellationToken: cancellationToken);
            return true;
        }
        catch (System.Text.Json.JsonException)
        {
            return true; // deleted; the answer was the object, not the Status the client expects (ManifestWriter)
        }
        catch (HttpOperationException e) when (KubeStatus.IsNotFound(e) || KubeStatus.IsForbidden(e))
        {
            return false;
        }
    }
}
