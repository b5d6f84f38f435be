using System.Net.WebSockets;
using System.Runtime.InteropServices;
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

    public async ValueTask<Stream> DialAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var pod = await FindPodAsync(cancellationToken).ConfigureAwait(false);
        var socket = await client.WebSocketNamespacedPodPortForwardAsync(
            pod, managerNamespace, [ManagerNames.GrpcPort], Protocol, cancellationToken: cancellationToken).ConfigureAwait(false);
        var demuxer = new StreamDemuxer(socket, StreamType.PortForward);
        try
        {
            demuxer.Start();
            Log.PortForwardOpened(logger, pod, managerNamespace);
            return new PortForwardStream(demuxer.GetStream((byte?)0, (byte?)0), demuxer, socket);
        }
        catch
        {
            demuxer.Dispose();
            socket.Dispose();
            throw;
        }
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
                await FindPodAsync(deadline.Token).ConfigureAwait(false);
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

    /// <summary>
    /// The demuxed data channel; disposing it closes the port-forward too. The client's stream has
    /// only synchronous Read and Write, and Stream's async fallbacks let one call run at a time: an
    /// HTTP/2 connection, always reading, would never write. So reads block a pool thread of their
    /// own and writes go to the demuxer's async write directly.
    /// </summary>
    private sealed class PortForwardStream(Stream inner, StreamDemuxer demuxer, WebSocket socket) : Stream
    {
        private const byte DataChannel = 0;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.Run(() => inner.Read(buffer, offset, count), cancellationToken);

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (MemoryMarshal.TryGetArray<byte>(buffer, out var array))
            {
                return await ReadAsync(array.Array!, array.Offset, array.Count, cancellationToken).ConfigureAwait(false);
            }

            var copy = new byte[buffer.Length];
            var read = await ReadAsync(copy, 0, copy.Length, cancellationToken).ConfigureAwait(false);
            copy.AsSpan(0, read).CopyTo(buffer.Span);
            return read;
        }

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            demuxer.Write(DataChannel, buffer, offset, count, cancellationToken);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            MemoryMarshal.TryGetArray(buffer, out var array)
                ? new ValueTask(demuxer.Write(DataChannel, array.Array!, array.Offset, array.Count, cancellationToken))
                : new ValueTask(demuxer.Write(DataChannel, buffer.ToArray(), 0, buffer.Length, cancellationToken));

        public override void Flush()
        {
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                demuxer.Dispose();
                socket.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
