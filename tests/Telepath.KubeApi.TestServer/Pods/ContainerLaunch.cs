using System.Net;
using System.Text.Json.Nodes;

namespace Telepath.KubeApi.TestServer.Pods;

/// <summary>Everything a runner needs to start one container of a pod.</summary>
public sealed record ContainerLaunch(
    string Namespace,
    string PodName,
    IPAddress PodIp,
    string ContainerName,
    string Image,
    IReadOnlyList<string> Command,
    IReadOnlyList<string> Args,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<int> Ports,
    JsonObject Container)
{
    /// <summary>
    /// The args with every listen address of the form <c>:PORT</c> bound to the pod's IP
    /// (<c>--listen :8080</c> → <c>--listen 127.0.10.3:8080</c>), as a pod's network namespace would.
    /// </summary>
    public IReadOnlyList<string> ArgsBoundToPodIp() =>
        Args.Select(a => a.Length > 1 && a[0] == ':' && int.TryParse(a[1..], out _) ? $"{PodIp}{a}" : a).ToList();

    /// <summary>
    /// The container's mounts the kubelet wrote to this machine (configMap, secret, emptyDir and
    /// projected service account token volumes):
    /// mount path in the container → directory (or file, for a subPath) here.
    /// </summary>
    public IReadOnlyDictionary<string, string> Mounts { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Where a path inside the container is on this machine, when it lies on one of <see cref="Mounts"/>
    /// (<c>/var/run/secrets/x/token</c> → <c>.../volumes/x/token</c>); null otherwise.
    /// </summary>
    public string? LocalPath(string containerPath)
    {
        foreach (var (mountPath, local) in Mounts.OrderByDescending(m => m.Key.Length))
        {
            var prefix = mountPath.TrimEnd('/');
            if (containerPath == prefix)
            {
                return local;
            }

            if (containerPath.StartsWith(prefix + "/", StringComparison.Ordinal))
            {
                return Path.Combine(local, containerPath[(prefix.Length + 1)..]);
            }
        }

        return null;
    }
}
