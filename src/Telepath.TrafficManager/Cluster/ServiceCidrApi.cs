using System.Net;
using System.Runtime.CompilerServices;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Telepath.TrafficManager.Cluster;

/// <summary>
/// ServiceCIDR objects (networking.k8s.io): GA as v1 in Kubernetes 1.33, v1beta1 in 1.31–1.32
/// where an admin enabled it; the two versions have the same fields. The list finds the version
/// the server serves by its 404s and the watch follows that version. Neither served: the list
/// fails with the last 404, and the view asks the API server by a dry-run instead.
/// </summary>
internal sealed class ServiceCidrApi(IKubernetes client)
{
    private const string Group = "networking.k8s.io";
    private const string Plural = "servicecidrs";
    private static readonly string[] Versions = ["v1", "v1beta1"];

    private string _version = Versions[0];

    public async Task<(IList<V1ServiceCIDR> Items, string ResourceVersion)> ListAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; ; i++)
        {
            try
            {
                var list = await client.CustomObjects.ListClusterCustomObjectAsync<V1ServiceCIDRList>(
                    Group, Versions[i], Plural, cancellationToken: cancellationToken).ConfigureAwait(false);
                _version = Versions[i];
                return (list.Items ?? [], list.Metadata?.ResourceVersion ?? "");
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound && i + 1 < Versions.Length)
            {
                // Not served at this version: try the next.
            }
        }
    }

    public async IAsyncEnumerable<(WatchEventType, V1ServiceCIDR)> WatchAsync(
        string resourceVersion, Action<Exception> onError, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var events = client.CustomObjects.WatchListClusterCustomObjectAsync(
            Group, _version, Plural, resourceVersion: resourceVersion, onError: onError, cancellationToken: cancellationToken);
        await foreach (var (type, item) in events.ConfigureAwait(false))
        {
            // Custom-object watches hand out untyped JSON; a ServiceCIDR of either version reads the same.
            yield return (type, KubernetesJson.Deserialize<V1ServiceCIDR>(KubernetesJson.Serialize(item)));
        }
    }
}
