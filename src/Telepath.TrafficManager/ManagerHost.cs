using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telepath.TrafficManager.Api;
using Telepath.TrafficManager.Auth;
using Telepath.TrafficManager.Tunnels;
using Telepath.Tunnels.Links;

namespace Telepath.TrafficManager;

/// <summary>The traffic manager as a web host: run by `telepath-server manager`, and in process by the demo.</summary>
public static class ManagerHost
{
    public static WebApplication Build(ManagerOptions options, Action<ILoggingBuilder>? logging = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        (logging ?? ConsoleLogging)(builder.Logging);

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(options.Listen, listen => listen.Protocols = HttpProtocols.Http2);
            // Every tunneled connection of every laptop is a stream of one HTTP/2 connection.
            kestrel.Limits.Http2.MaxStreamsPerConnection = 10_000;
            // One tunnel may have 8 MiB in flight towards the manager: 200 MB/s over a laptop's link with
            // 20 ms round trips needs 4 MB (bandwidth x delay). The connection's window lets two do so
            // at once and bounds what one connection can make the manager hold.
            kestrel.Limits.Http2.InitialStreamWindowSize = ManagerLink.StreamWindow;
            kestrel.Limits.Http2.InitialConnectionWindowSize = 2 * ManagerLink.StreamWindow;
            kestrel.Limits.MaxResponseBufferSize = 256 * 1024;
            // A tunnel's request body is one direction of a TCP connection: it has no size limit. Kestrel's
            // default (30,000,000 bytes) reset every tunneled upload past about 28.6 MiB.
            kestrel.Limits.MaxRequestBodySize = null;
            // Tunnels may rightly be idle, or read slowly by the app at their far end, for as long as they like.
            kestrel.Limits.MinRequestBodyDataRate = null;
            kestrel.Limits.MinResponseDataRate = null;
            kestrel.Limits.KeepAliveTimeout = TimeSpan.FromMinutes(10);
            // Every agent and laptop holds one connection; far more than any cluster needs, far fewer than
            // would exhaust the pod's memory or file descriptors.
            kestrel.Limits.MaxConcurrentConnections = 4096;
            // A connection that has sent nothing for half the allowed silence is pinged, and dropped when the
            // other half passes unanswered: its standby tunnels go with it and its intercepts fail open.
            kestrel.Limits.Http2.KeepAlivePingDelay = options.LaptopSilence / 2;
            kestrel.Limits.Http2.KeepAlivePingTimeout = options.LaptopSilence / 2;
        });
        builder.Services.AddTelepathManager(options);
        var app = builder.Build();
        app.UseMiddleware<CallerGate>();
        app.MapGrpcService<ManagerService>();
        app.MapTelepathTunnels();
        return app;
    }

    private static void ConsoleLogging(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(console => console.SingleLine = true);
        // Per-call framework logs (four lines for every tunnel) cost more than the relay itself.
        logging.AddFilter("Microsoft", LogLevel.Warning);
        logging.AddFilter("System", LogLevel.Warning);
        logging.AddFilter("Grpc", LogLevel.Warning);
    }

    /// <summary>The address actually bound (the options may ask for port 0).</summary>
    public static IPEndPoint BoundEndPoint(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var uri = new Uri(address);
        return new IPEndPoint(IPAddress.Parse(uri.Host.Trim('[', ']')), uri.Port);
    }
}
