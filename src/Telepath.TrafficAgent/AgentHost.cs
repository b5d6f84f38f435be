using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telepath.TrafficAgent.Forwarding;
using Telepath.TrafficAgent.Hosting;

namespace Telepath.TrafficAgent;

/// <summary>The traffic agent as a web host: the server's `agent` command and the CLI's demo both run it.</summary>
public static class AgentHost
{
    /// <summary>
    /// Builds, without starting, the agent's host. It reads no configuration files or environment, so an
    /// in-process agent (the demo) is not steered by the host process's ASPNETCORE_* settings.
    /// </summary>
    /// <param name="logging">
    /// Where the agent logs. By default, one line an event on the console, the agent's own events only
    /// (what a sidecar's `kubectl logs` should show).
    /// </param>
    /// <param name="services">Registers parts before the agent's own (which are TryAdd'ed): tests replace the clock here.</param>
    public static WebApplication Build(AgentOptions options, Action<ILoggingBuilder>? logging = null, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        (logging ?? ConsoleLogging)(builder.Logging);
        services?.Invoke(builder.Services);
        builder.Services.AddTelepathAgent(options);

        var app = builder.Build();
        var router = app.Services.GetRequiredService<RequestRouter>();
        app.Run(router.RouteAsync);
        return app;
    }

    private static void ConsoleLogging(ILoggingBuilder logging)
    {
        logging.AddSimpleConsole(console => console.SingleLine = true);
        // The framework's own lines (including "listening on handoff:http1-1") are noise here;
        // the agent logs what matters about forwarding itself.
        logging.AddFilter("Microsoft", LogLevel.Warning);
        logging.AddFilter("System", LogLevel.Warning);
        logging.AddFilter("Grpc", LogLevel.Warning);
        // YARP reports each failed forward with a stack trace; the agent logs the outcome in one line itself.
        logging.AddFilter("Yarp", LogLevel.Error);
    }

    /// <summary>The service port's address once the host has started (the real port when Listen asked for 0).</summary>
    public static IPEndPoint BoundEndPoint(WebApplication app) => app.Services.GetRequiredService<AgentEndpoint>().Bound;
}
