using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Telepath.ProtocolSniffing;
using Telepath.Testing.Network;

namespace Telepath.TrafficAgent.Tests.Infrastructure;

/// <summary>
/// The workload's app container in the tests: a real Kestrel server on loopback that speaks HTTP/1.1,
/// h2c and WebSocket on one port, and says who it is in every response. Bytes that are not HTTP it
/// reads to their end and answers with how many it got.
/// </summary>
internal sealed class TestApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestApp(WebApplication app, string name)
    {
        _app = app;
        Name = name;
    }

    public string Name { get; }

    public IPEndPoint EndPoint { get; private set; } = new(IPAddress.Loopback, 0);

    public static async Task<TestApp> StartAsync(string name = "app")
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.Services.AddProtocolSniffing();
        builder.Services.AddRoutingCore();
        var listen = new IPEndPoint(IPAddress.Loopback, Ports.Free());
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = null;
            k.ListenWithProtocolSniffing(listen, connection => CountBytesAsync(connection, name));
        });

        var app = builder.Build();
        app.UseWebSockets();
        app.Use(async (context, next) =>
        {
            context.Response.Headers["x-served-by"] = name;
            context.Response.Headers["x-request-protocol"] = context.Request.Protocol;
            await next(context);
        });
        app.MapGet("/ws", EchoWebSocketAsync);
        app.MapPost("/echo", EchoBodyAsync);
        app.MapPost("/digest", DigestBodyAsync);
        app.MapGet("/trailers", async (HttpContext context) =>
        {
            // What gRPC does with grpc-status: the answer comes after the body.
            context.Response.DeclareTrailer("x-served-by-trailer");
            await context.Response.WriteAsync("body before trailers");
            context.Response.AppendTrailer("x-served-by-trailer", name);
        });
        app.MapFallback((HttpContext context) => $"{name}: {context.Request.Method} {context.Request.Path}");

        var testApp = new TestApp(app, name);
        await app.StartAsync();
        testApp.EndPoint = listen;
        return testApp;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Length and SHA-256 of a body, to check large uploads without echoing them.</summary>
    public static string Digest(byte[] body) => $"{body.Length}:{Convert.ToHexString(SHA256.HashData(body))}";

    private static async Task EchoBodyAsync(HttpContext context)
    {
        DescribeRequestBody(context);
        await context.Request.Body.CopyToAsync(context.Response.Body);
    }

    // HTTP/1.1 clients send the whole body before they read the answer, so a large body must not be echoed.
    private static async Task DigestBodyAsync(HttpContext context)
    {
        DescribeRequestBody(context);
        using var sha = SHA256.Create();
        var length = 0L;
        var buffer = new byte[64 * 1024];
        int n;
        while ((n = await context.Request.Body.ReadAsync(buffer)) > 0)
        {
            sha.TransformBlock(buffer, 0, n, null, 0);
            length += n;
        }

        sha.TransformFinalBlock([], 0, 0);
        await context.Response.WriteAsync($"{length}:{Convert.ToHexString(sha.Hash!)}");
    }

    /// <summary>An answer of its own length, so a test can tell the two directions' byte counts apart.</summary>
    public static byte[] BytesAnswer(string name, long received) => Encoding.ASCII.GetBytes($"{name}: got {received} bytes\n");

    private static async Task CountBytesAsync(ConnectionContext connection, string name)
    {
        var input = connection.Transport.Input;
        var received = 0L;
        while (true)
        {
            var result = await input.ReadAsync();
            received += result.Buffer.Length;
            input.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted || result.IsCanceled)
            {
                break;
            }
        }

        await connection.Transport.Output.WriteAsync(BytesAnswer(name, received));
    }

    private static void DescribeRequestBody(HttpContext context)
    {
        context.Response.Headers["x-request-transfer-encoding"] = context.Request.Headers.TransferEncoding.ToString();
        context.Response.Headers["x-request-content-length"] = context.Request.ContentLength?.ToString() ?? "";
    }

    private static async Task EchoWebSocketAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, context.RequestAborted);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", context.RequestAborted);
                return;
            }

            await socket.SendAsync(buffer.AsMemory(0, received.Count), received.MessageType, received.EndOfMessage, context.RequestAborted);
        }
    }
}
