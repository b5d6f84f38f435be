using System.Net;
using Grpc.Net.Client;
using Telepath.Samples.Grpc;

namespace Telepath.Cli.Commands.Demo;

/// <summary>Calls the cluster's `orders` service as another service in the cluster would, and shows who answered.</summary>
internal sealed class DemoProbe : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.Zero });
    private readonly GrpcChannel _channel;
    private readonly Echo.EchoClient _grpc;
    private readonly string _url;
    private readonly TextWriter _output;

    public DemoProbe(IPEndPoint service, TextWriter output)
    {
        _url = $"http://{service}/";
        _output = output;
        _channel = GrpcChannel.ForAddress(_url, new GrpcChannelOptions { HttpHandler = new SocketsHttpHandler { UseProxy = false } });
        _grpc = new Echo.EchoClient(_channel);
    }

    public async Task<string> GetAsync(CancellationToken cancellationToken, (string Name, string Value)? header = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _url);
        var shown = "";
        if (header is { } h)
        {
            request.Headers.Add(h.Name, h.Value);
            shown = $" -H '{h.Name}: {h.Value}'";
        }

        using var response = await _http.SendAsync(request, cancellationToken);
        var body = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
        _output.WriteLine($"  curl{shown} {_url}");
        _output.WriteLine($"    → {(int)response.StatusCode} {body}");
        return body;
    }

    /// <summary>
    /// Opens a preview URL as a browser on this machine would: <c>&lt;id&gt;.localhost</c> is this
    /// machine (browsers and curl know it; .NET's resolver does not, so the hub's port is dialled).
    /// </summary>
    public async Task<string> GetPreviewAsync(string previewUrl, Uri hub, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            ConnectCallback = async (_, ct) =>
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                try
                {
                    await socket.ConnectAsync(IPAddress.Loopback, hub.Port, ct);
                    return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        using var client = new HttpClient(handler);
        using var response = await client.GetAsync(previewUrl, cancellationToken);
        var body = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
        _output.WriteLine($"  curl {previewUrl}");
        _output.WriteLine($"    → {(int)response.StatusCode} {body}");
        return body;
    }

    public async Task<string> SayAsync(CancellationToken cancellationToken, (string Name, string Value)? header = null)
    {
        var metadata = new Grpc.Core.Metadata();
        if (header is { } h)
        {
            metadata.Add(h.Name, h.Value);
        }

        var reply = await _grpc.SayAsync(new SayRequest { Text = "hi" }, metadata, cancellationToken: cancellationToken);
        _output.WriteLine($"  gRPC telepath.sample.v1.Echo/Say{(header is null ? "" : " with the header")}");
        _output.WriteLine($"    → \"{reply.Text}\" served by {reply.ServedBy}");
        return reply.ServedBy;
    }

    public void Dispose()
    {
        _channel.Dispose();
        _http.Dispose();
    }
}
