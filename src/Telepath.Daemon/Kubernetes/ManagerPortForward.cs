using System.Net.WebSockets;
using k8s;
using k8s.Models;
using Telepath.Kubernetes.Manifests;

namespace Telepath.Daemon.Kubernetes;

/// <summary>
/// The daemon's way to the traffic manager: one WebSocket port-forward (v4.channel.k8s.io) to the
/// manager's Ready pod, through the API server, carrying the whole HTTP/2 connection. Each dial
/// looks the pod up again, so when the pod is replaced the reconnect finds the new one.
/// </summary>
public sealed class ManagerPortForward(IKubernetes client, string managerNamespace)
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
            return new PortForwardStream(demuxer.GetStream((byte?)0, (byte?)0), demuxer, socket);
        }
        catch
        {
            demuxer.Dispose();
            socket.Dispose();
            throw;
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
            ?? throw new HttpRequestException($"no ready traffic manager pod in namespace \"{managerNamespace}\"");
    }

    private static bool IsReady(V1Pod pod) =>
        pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    /// <summary>The demuxed data channel; disposing it closes the port-forward too.</summary>
    private sealed class PortForwardStream(Stream inner, StreamDemuxer demuxer, WebSocket socket) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            inner.WriteAsync(buffer, cancellationToken);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            inner.WriteAsync(buffer, offset, count, cancellationToken);

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

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
