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
        // Not the working directory ("/", where the launcher starts the daemon): the host watches its
        // content root recursively for appsettings.json, and from "/" that is an inotify watch on every
        // directory of the machine (45,000 on the development VM, over a second of CPU before the
        // socket listens, and a wake-up for every file written anywhere afterwards).
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = paths.RuntimeDirectory });
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
