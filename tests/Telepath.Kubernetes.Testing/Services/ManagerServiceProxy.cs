using System.Net;
using k8s;
using Telepath.Testing.Relays;

namespace Telepath.Kubernetes.Testing.Services;

/// <summary>
/// What cluster DNS and kube-proxy do for the agents: <c>telepath-manager.telepath:8081</c> is a
/// local port that forwards each connection to the manager pod that is Ready now, so agents find a
/// replaced manager pod as they would through its Service.
/// </summary>
public sealed class ManagerServiceProxy : IAsyncDisposable
{
    private readonly SocketRelay _relay;

    public ManagerServiceProxy(IKubernetes client) =>
        _relay = SocketRelay.Start(new IPEndPoint(IPAddress.Loopback, 0), cancellationToken => ReadyManagerAsync(client, cancellationToken));

    public string Address => $"127.0.0.1:{((IPEndPoint)_relay.LocalEndPoint).Port}";

    public ValueTask DisposeAsync() => _relay.DisposeAsync();

    // None Ready: the agent sees its connection close and dials again, as through a real Service.
    private static async Task<EndPoint?> ReadyManagerAsync(IKubernetes client, CancellationToken cancellationToken)
    {
        var pods = await client.CoreV1.ListNamespacedPodAsync("telepath", labelSelector: "app.kubernetes.io/name=telepath-manager", cancellationToken: cancellationToken);
        var pod = pods.Items.FirstOrDefault(p => p.Metadata.DeletionTimestamp is null
            && p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true);
        return pod?.Status?.PodIP is { } ip ? new IPEndPoint(IPAddress.Parse(ip), 8081) : null;
    }
}
