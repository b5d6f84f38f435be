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
            kestrel.Limits.Http2.InitialConnectionWindowSize = 16 * 1024 * 1024;
            kestrel.Limits.Http2.InitialStreamWindowSize = 1024 * 1024;
            kestrel.Limits.MinRequestBodyDataRate = null;
            kestrel.Limits.KeepAliveTimeout = TimeSpan.FromMinutes(10);
        });
        builder.Services.AddTelepathManager(options);
        var app = builder.Build();
        app.MapGrpcService<ManagerService>();
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
