using System.Net;

namespace Telepath.Tunnels.Streams;

/// <summary>
/// Opens tunnels to the manager over a handler that already carries the gRPC control calls, so all
/// of them share one HTTP/2 connection (in Kubernetes mode, one port-forward).
/// </summary>
public sealed class TunnelOpener(HttpMessageInvoker http, Uri manager)
{
    /// <summary>Sends the tunnel's request at once and returns it; its answer comes later (<see cref="TunnelStream.AnswerAsync"/>).</summary>
    /// <param name="expectsDialReply">The peer is a laptop's standby tunnel, whose first bytes say whether it reached its target.</param>
    public TunnelStream Open(string path, IEnumerable<KeyValuePair<string, string>> headers, bool expectsDialReply = false)
    {
        var content = new TunnelContent();
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(manager, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var abort = new CancellationTokenSource();
        var response = http.SendAsync(request, abort.Token);
        return new TunnelStream(request, content, response, abort, expectsDialReply);
    }
}
