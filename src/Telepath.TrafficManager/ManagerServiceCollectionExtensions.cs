using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Telepath.TrafficManager.Auth;
using Telepath.TrafficManager.Cluster;
using Telepath.TrafficManager.Intercepts;
using Telepath.TrafficManager.Outbound;
using Telepath.TrafficManager.Sessions;
using Telepath.TrafficManager.Tunnels;
using Telepath.TrafficManager.Volumes;
using Telepath.TrafficManager.Watching;

namespace Telepath.TrafficManager;

public static class ManagerServiceCollectionExtensions
{
    public static IServiceCollection AddTelepathManager(this IServiceCollection services, ManagerOptions options)
    {
        services.TryAddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SessionRegistry>();
        services.TryAddSingleton<InterceptTable>();
        services.TryAddSingleton<RequestWatchers>();
        services.TryAddSingleton<ClusterClient>();
        services.TryAddSingleton<WorkloadClaims>();
        if (options.Token is not null)
        {
            services.TryAddSingleton<ManagerToken>();
            services.TryAddSingleton<ICallerAuthentication, TokenAuthentication>();
        }
        else if (options.Cluster.Enabled)
        {
            services.TryAddSingleton<AgentWorkloads>();
            services.TryAddSingleton<AgentTokenReview>();
            services.TryAddSingleton<ICallerAuthentication, KubernetesAuthentication>();
        }
        else
        {
            throw new InvalidOperationException("a manager without a token trusts Kubernetes identity, so it needs access to the cluster (in a pod, or KUBECONFIG)");
        }

        services.TryAddSingleton<StandbyPool>();
        services.TryAddSingleton<TunnelBroker>();
        services.TryAddSingleton<VolumeStandbys>();
        services.TryAddSingleton<VolumeBroker>();
        services.TryAddSingleton<ClusterView>();
        services.AddHostedService(provider => provider.GetRequiredService<ClusterView>());
        services.TryAddSingleton<ClusterResolver>();
        services.TryAddSingleton<OutboundPolicy>();
        services.TryAddSingleton<OutboundDialer>();
        services.TryAddSingleton<OutboundEndpoint>();
        services.AddHostedService<LeaseSweeper>();
        services.AddGrpc(grpc =>
        {
            // Every message the manager receives is small (an arrival with its environment is the largest);
            // a cap far above them bounds what a caller can make it hold per call.
            grpc.MaxReceiveMessageSize = 1024 * 1024;
            grpc.EnableDetailedErrors = false;
        });
        return services;
    }
}
