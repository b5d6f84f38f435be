using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Telepath.Daemon.Api;

namespace Telepath.Daemon;

public static class DaemonServiceCollectionExtensions
{
    public static IServiceCollection AddTelepathDaemon(this IServiceCollection services)
    {
        services.TryAddSingleton<DaemonState>();
        services.AddGrpc(grpc =>
        {
            grpc.EnableDetailedErrors = false;
            grpc.Interceptors.Add<UserErrorInterceptor>();
        });
        return services;
    }
}
