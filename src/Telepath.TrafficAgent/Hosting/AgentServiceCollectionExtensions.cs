using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Telepath.Core.Identity;
using Telepath.Protocol.Manager;
using Telepath.ProtocolSniffing;
using Telepath.TrafficAgent.Connections;
using Telepath.TrafficAgent.Forwarding;
using Telepath.TrafficAgent.Http1;
using Telepath.TrafficAgent.Routing;
using Telepath.TrafficAgent.Routing.Validation;
using Telepath.TrafficAgent.Sessions;
using Telepath.TrafficAgent.Tunnels;
using Telepath.TrafficAgent.Volumes;
using Telepath.TrafficAgent.Watching;
using Telepath.Tunnels.Links;

namespace Telepath.TrafficAgent.Hosting;

public static class AgentServiceCollectionExtensions
{
    /// <summary>Everything the agent needs on a Kestrel host; each part is TryAdd'ed so tests can replace it.</summary>
    public static IServiceCollection AddTelepathAgent(this IServiceCollection services, AgentOptions options)
    {
        services.TryAddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddProtocolSniffing();
        services.AddHttpForwarder();

        services.TryAddSingleton(sp => ManagerLink.Create(options.ManagerAddress, ManagerToken(options, sp.GetRequiredService<TimeProvider>())));
        services.TryAddSingleton(sp => new Manager.ManagerClient(sp.GetRequiredService<ManagerLink>().Channel));
        services.TryAddSingleton(sp => sp.GetRequiredService<ManagerLink>().Tunnels);
        services.TryAddSingleton<AgentSession>();
        services.TryAddSingleton<TunnelDialer>();

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IInterceptValidator, IdentityValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IInterceptValidator, HeaderNameValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IInterceptValidator, RegexValidator>());
        services.TryAddSingleton<RouteCompiler>();
        services.TryAddSingleton<RouteTable>();

        services.TryAddSingleton<AppDestination>();
        services.TryAddSingleton<InterceptClients>();
        services.TryAddSingleton<ForwardingCounters>();
        services.TryAddSingleton<RequestLog>();
        services.TryAddSingleton<Mirroring.Mirrors>();
        services.TryAddSingleton<RequestRouter>();

        services.TryAddSingleton<AppConnector>();
        services.TryAddSingleton<Http1Relay>();
        services.TryAddSingleton<AppRelay>();
        services.TryAddSingleton<GlobalInterceptClaim>();
        services.TryAddSingleton<AgentEndpoint>();
        services.TryAddEnumerable(ServiceDescriptor.Transient<IConfigureOptions<KestrelServerOptions>, AgentKestrelSetup>());

        services.AddHostedService<ManagerSessionService>();
        services.AddHostedService<RequestLogSender>();
        services.TryAddSingleton<VolumeServer>();
        services.AddHostedService<VolumeStandbyService>();
        return services;
    }

    private static Func<string?> ManagerToken(AgentOptions options, TimeProvider time) =>
        options.TokenFile is { } path ? new RotatingTokenFile(path, time).Read : () => options.Token;
}
