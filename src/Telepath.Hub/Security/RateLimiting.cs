using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Telepath.Hub.Hosting;

namespace Telepath.Hub.Security;

/// <summary>
/// A fixed window per (endpoint, client IP). The IP is the connection's: behind a reverse proxy every client
/// shares the proxy's address unless forwarded headers are configured, which the hub does not yet do.
/// </summary>
public static class RateLimiting
{
    public static IServiceCollection AddHubRateLimiting(this IServiceCollection services, RateLimitOptions limits)
    {
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var endpoint = RateLimitedEndpoints.Of(context.Request);
                if (endpoint == RateLimitedEndpoint.None)
                {
                    return RateLimitPartition.GetNoLimiter("unlimited");
                }

                var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter($"{endpoint}:{client}", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = PermitsFor(endpoint, limits),
                    Window = limits.EffectiveWindow,
                    QueueLimit = 0,
                });
            });
            options.OnRejected = (rejected, _) =>
            {
                var window = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : limits.EffectiveWindow;
                rejected.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(window.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                var logger = rejected.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RateLimiting));
                Log.RateLimited(logger, rejected.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown", rejected.HttpContext.Request.Path);
                return ValueTask.CompletedTask;
            };
        });
        return services;
    }

    private static int PermitsFor(RateLimitedEndpoint endpoint, RateLimitOptions limits) => endpoint switch
    {
        RateLimitedEndpoint.SignIn => limits.SignInPermits,
        RateLimitedEndpoint.DeviceCodeEntry => limits.DeviceCodeEntryPermits,
        _ => limits.CliTokenPermits,
    };
}
