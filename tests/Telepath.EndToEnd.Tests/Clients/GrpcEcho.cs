using Grpc.Core;
using Grpc.Net.Client;
using Telepath.Samples.Grpc;

namespace Telepath.EndToEnd.Tests.Clients;

/// <summary>The sample's Echo service called with Grpc.Net.Client over h2c, with optional metadata.</summary>
public sealed class GrpcEcho : IDisposable
{
    private readonly GrpcChannel _channel;

    public GrpcEcho(string serviceUrl)
    {
        // A new connection for every channel: a global intercept takes new connections only.
        _channel = GrpcChannel.ForAddress(serviceUrl, new GrpcChannelOptions { HttpHandler = new SocketsHttpHandler { UseProxy = false } });
        Client = new Echo.EchoClient(_channel);
    }

    public Echo.EchoClient Client { get; }

    public static Metadata Headers(params (string Name, string Value)[] headers)
    {
        var metadata = new Metadata();
        foreach (var (name, value) in headers)
        {
            metadata.Add(name, value);
        }

        return metadata;
    }

    public async Task<string> SayAsync(params (string Name, string Value)[] headers)
    {
        var reply = await Client.SayAsync(new SayRequest { Text = "hi" }, Headers(headers), DateTime.UtcNow.AddSeconds(20));
        Assert.Equal("hi", reply.Text);
        return reply.ServedBy;
    }

    public void Dispose() => _channel.Dispose();
}
