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
    /// <summary>Builds, without starting, the agent's host. It reads no configuration files or environment.</summary>
    /// <param name="logging">Where the agent logs; by default nowhere (the host decides, not the library).</param>
    public static WebApplication Build(AgentOptions options, Action<ILoggingBuilder>? logging = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(AgentHost).Assembly.GetName().Name,
        });
        builder.WebHost.UseKestrelCore();
        logging?.Invoke(builder.Logging);
        builder.Services.AddTelepathAgent(options);

        var app = builder.Build();
        var router = app.Services.GetRequiredService<RequestRouter>();
        app.Run(router.RouteAsync);
        return app;
    }

    /// <summary>The service port's address once the host has started (the real port when Listen asked for 0).</summary>
    public static IPEndPoint BoundEndPoint(WebApplication app) => app.Services.GetRequiredService<AgentEndpoint>().Bound;
}
