using System.Net;
using System.Net.Sockets;
using k8s;

namespace Telepath.Kubernetes.Testing.Services;

/// <summary>
/// What cluster DNS and kube-proxy do for the agents: <c>telepath-manager.telepath:8081</c> is a
/// local port that forwards each connection to the manager pod that is Ready now, so agents find a
/// replaced manager pod as they would through its Service.
/// </summary>
public sealed class ManagerServiceProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly IKubernetes _client;
    private readonly Task _accepting;

    public ManagerServiceProxy(IKubernetes client)
    {
        _client = client;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public string Address => $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = RelayAsync(client);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping.
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var upstream = new TcpClient())
        {
            try
            {
                var pods = await _client.CoreV1.ListNamespacedPodAsync("telepath", labelSelector: "app.kubernetes.io/name=telepath-manager", cancellationToken: _stop.Token);
                var pod = pods.Items.FirstOrDefault(p => p.Metadata.DeletionTimestamp is null
                    && p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true);
                if (pod?.Status?.PodIP is not { } ip)
                {
                    return;
                }

                await upstream.ConnectAsync(IPAddress.Parse(ip), 8081, _stop.Token);
                var up = client.GetStream().CopyToAsync(upstream.GetStream(), _stop.Token);
                var down = upstream.GetStream().CopyToAsync(client.GetStream(), _stop.Token);
                await Task.WhenAny(up, down);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException or HttpRequestException)
            {
                // The agent sees its connection close and dials again, as through a real Service.
            }
        }
    }
}
