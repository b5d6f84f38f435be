using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Telepath.Hub.Tests.Infrastructure;

/// <summary>
/// A stand-in for a cluster's ingress on 127.0.0.1:0: `/echo` answers with what it received as JSON, `/page` is an
/// HTML page ("laptop" when the intercept header is present, else "cluster"), `/text` plain text, `/big` a large HTML
/// page written in pieces, `/ws` a WebSocket echo. With <c>tls</c>, it serves a self-signed certificate and records
/// the TLS server name (SNI) each connection asked for.
/// </summary>
public sealed class LoopbackIngress : IAsyncDisposable
{
    public const string InterceptHeader = "x-telepath-intercept-id";
    public const int BigPageLines = 20_000;

    private readonly WebApplication _app;
    private readonly List<string> _names;

    private LoopbackIngress(WebApplication app, int port, List<string> names)
    {
        _app = app;
        Port = port;
        _names = names;
    }

    public int Port { get; }

    public static async Task<LoopbackIngress> StartAsync(bool tls = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var names = new List<string>();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (tls)
            {
                var certificate = SelfSigned();
                listen.UseHttps(https => https.ServerCertificateSelector = (_, name) =>
                {
                    lock (names)
                    {
                        names.Add(name ?? "");
                    }

                    return certificate;
                });
            }
        }));
        var app = builder.Build();
        app.UseWebSockets();
        app.Map("/echo/{**rest}", (HttpRequest request) => Results.Json(new Dictionary<string, string?>
        {
            ["host"] = request.Host.Value,
            ["path"] = request.Path + request.QueryString,
            ["method"] = request.Method,
            ["intercept"] = request.Headers[InterceptHeader],
            ["cookie"] = request.Headers.Cookie,
            ["accept_encoding"] = request.Headers.AcceptEncoding,
            ["forwarded_for"] = request.Headers["X-Forwarded-For"],
            ["forwarded_proto"] = request.Headers["X-Forwarded-Proto"],
            ["forwarded_host"] = request.Headers["X-Forwarded-Host"],
        }));
        app.MapGet("/page", (HttpRequest request) => Results.Content(Page(request.Headers.ContainsKey(InterceptHeader) ? "laptop" : "cluster"), "text/html; charset=utf-8"));
        app.MapGet("/text", () => Results.Text("not a page </body> at all", "text/plain"));
        app.MapGet("/big", async (HttpResponse response) =>
        {
            response.ContentType = "text/html";
            await response.WriteAsync("<html><body>\n");
            for (var i = 0; i < BigPageLines; i++)
            {
                await response.WriteAsync($"<p>line {i}</p>\n");
            }

            await response.WriteAsync("</BODY></html>\n");
        });
        app.Map("/ws", async (HttpContext context) =>
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var buffer = new byte[4096];
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer, context.RequestAborted);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, context.RequestAborted);
                    return;
                }

                var echo = Encoding.UTF8.GetBytes($"echo {context.Request.Headers[InterceptHeader]}: {Encoding.UTF8.GetString(buffer, 0, received.Count)}");
                await socket.SendAsync(echo, WebSocketMessageType.Text, true, context.RequestAborted);
            }
        });
        await app.StartAsync();
        return new LoopbackIngress(app, new Uri(app.Urls.First()).Port, names);
    }

    public static string Page(string who) => $"<!DOCTYPE html><html><head><title>{who}</title></head><body><h1 id=\"who\">Hello from the {who}</h1></body></html>";

    public static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>The TLS server names (SNI) clients asked for, one per connection.</summary>
    public IReadOnlyList<string> RequestedServerNames
    {
        get
        {
            lock (_names)
            {
                return [.. _names];
            }
        }
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=ingress.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }
}
