using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telepath.ProtocolSniffing;
using Telepath.Samples.Grpc;
using Telepath.Samples.Http;

namespace Telepath.Samples;

/// <summary>
/// A small service whose every answer says who served it ("cluster" or "laptop"), so the demo, the
/// bench and the end-to-end tests can see where a request went. One port serves HTTP/1.1, HTTP/2
/// with prior knowledge (gRPC included) and WebSocket; any other bytes are echoed back as raw TCP.
/// </summary>
public static class SampleService
{
    public static WebApplication Build(IPEndPoint listen, string servedBy)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddProtocolSniffing();
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(new ServedBy(servedBy));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.ListenWithProtocolSniffing(listen, RawEcho.RunAsync);
        });

        var app = builder.Build();
        app.UseWebSockets();
        // In every answer, where a body cannot say it (an upload's digest, a client that reads raw bytes).
        app.Use((context, next) =>
        {
            context.Response.Headers["x-served-by"] = servedBy;
            return next(context);
        });
        app.MapSampleEndpoints();
        app.MapGrpcService<EchoService>();
        return app;
    }

    /// <summary>The socket address actually bound once the app has started (the caller may ask for port 0).</summary>
    public static IPEndPoint BoundEndPoint(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        foreach (var address in addresses)
        {
            // The sniffing front also binds in-process handoff endpoints; only the socket one has an IP host.
            if (Uri.TryCreate(address, UriKind.Absolute, out var uri) && IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip))
            {
                return new IPEndPoint(ip, uri.Port);
            }
        }

        throw new InvalidOperationException("The sample service has no bound socket address; start it first.");
    }
}
