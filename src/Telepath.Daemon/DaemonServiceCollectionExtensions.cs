using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Telepath.Daemon.Api;
using Telepath.Daemon.Previews;

namespace Telepath.Daemon;

public static class DaemonServiceCollectionExtensions
{
    public static IServiceCollection AddTelepathDaemon(this IServiceCollection services)
    {
        services.TryAddSingleton<DaemonState>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PreviewBook>();
        services.AddHostedService<PreviewWatcher>();
        services.AddGrpc(grpc =>
        {
            grpc.EnableDetailedErrors = false;
            grpc.Interceptors.Add<UserErrorInterceptor>();
        });
        return services;
    }
}
