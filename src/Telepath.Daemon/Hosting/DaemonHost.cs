using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Telepath.Daemon.Api;
using Telepath.Daemon.Logging;

namespace Telepath.Daemon.Hosting;

/// <summary>The daemon as a web host: the <c>Daemon</c> gRPC service on a unix socket, HTTP/2 only.</summary>
public static class DaemonHost
{
    public static WebApplication Build(DaemonPaths paths, ILoggerProvider log)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(log);
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Grpc", LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ListenUnixSocket(paths.Socket, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.Limits.MinRequestBodyDataRate = null;
        });
        builder.Services.AddTelepathDaemon();
        var app = builder.Build();
        app.MapGrpcService<DaemonService>();
        return app;
    }
}
