using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Telepath.Core;
using Telepath.Kubernetes.Manifests;

namespace Telepath.Daemon.Kubernetes;

/// <summary>
/// The daemon's way to the traffic manager: one WebSocket port-forward (v4.channel.k8s.io) to the
/// manager's Ready pod, through the API server, carrying the whole HTTP/2 connection. Each dial
/// looks the pod up again, so when the pod is replaced the reconnect finds the new one.
/// </summary>
public sealed class ManagerPortForward(IKubernetes client, string managerNamespace, ILogger logger)
{
    private const string Protocol = "v4.channel.k8s.io";

    // The pod WaitForPodAsync just found, taken by the first dial, which follows it at once: listing
    // the pods again there cost a cold daemon a second typed read on every connect. Later dials look again.
    private string? _found;

    public async ValueTask<Stream> DialAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var pod = Interlocked.Exchange(ref _found, null) ?? await FindPodAsync(cancellationToken).ConfigureAwait(false);
        var socket = await client.WebSocketNamespacedPodPortForwardAsync(
            pod, managerNamespace, [ManagerNames.GrpcPort], Protocol, cancellationToken: cancellationToken).ConfigureAwait(false);
        Log.PortForwardOpened(logger, pod, managerNamespace);
        return new PortForwardStream(socket);
    }

    /// <summary>Waits until a manager pod is Ready (it may have just been installed or replaced).</summary>
    /// <exception cref="UserErrorException">None became Ready in time; the line says what was found.</exception>
    public async Task WaitForPodAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            try
            {
                Volatile.Write(ref _found, await FindPodAsync(deadline.Token).ConfigureAwait(false));
                return;
            }
            catch (HttpRequestException e) when (!deadline.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(250, deadline.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new UserErrorException($"{e.Message} after {timeout.TotalSeconds:0} s");
                }
            }
        }
    }

    /// <summary>The name of a Ready manager pod that is not being deleted.</summary>
    /// <exception cref="HttpRequestException">None is ready: the dial fails and the session loop retries.</exception>
    public async Task<string> FindPodAsync(CancellationToken cancellationToken)
    {
        var pods = await client.CoreV1.ListNamespacedPodAsync(
            managerNamespace, labelSelector: $"{ManagerLabels.Name}={ManagerNames.Manager}", cancellationToken: cancellationToken).ConfigureAwait(false);
        var ready = pods.Items
            .Where(p => p.Metadata.DeletionTimestamp is null && IsReady(p))
            .OrderByDescending(p => p.Metadata.CreationTimestamp)
            .FirstOrDefault();
        return ready?.Metadata.Name
            ?? throw new HttpRequestException($"no ready traffic manager pod in namespace \"{managerNamespace}\" ({Describe(pods.Items)})");
    }

    private static string Describe(IList<V1Pod> pods) =>
        pods.Count == 0 ? "none at all" : string.Join(", ", pods.Select(p => $"{p.Metadata.Name}: {p.Status?.Phase}, ready {p.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready")?.Status ?? "unknown"}{(p.Metadata.DeletionTimestamp is null ? "" : ", terminating")}"));

    private static bool IsReady(V1Pod pod) =>
        pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;
}
