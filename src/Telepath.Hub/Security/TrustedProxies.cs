using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Telepath.Hub.Hosting;

namespace Telepath.Hub.Security;

/// <summary>
/// Behind a reverse proxy every request comes from the proxy's address, so per-client limits would
/// throttle everyone together. The proxies named in <c>Hub:TrustedProxies</c> (addresses or CIDRs) are
/// believed about the client's address (X-Forwarded-For, one hop); nobody else is, so a client cannot
/// escape its limit by sending the header itself.
/// </summary>
public static class TrustedProxies
{
    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app, HubOptions options)
    {
        if (options.TrustedProxies is not { Count: > 0 } proxies)
        {
            return app;
        }

        var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor, ForwardLimit = 1 };
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
        {
            if (proxy.Contains('/', StringComparison.Ordinal))
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(proxy));
            }
            else
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        }

        return app.UseForwardedHeaders(forwarded);
    }

    /// <exception cref="InvalidOperationException">An entry is neither an IP address nor a CIDR.</exception>
    public static IReadOnlyList<string> Parse(string? value)
    {
        var entries = (value ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var entry in entries)
        {
            var valid = entry.Contains('/', StringComparison.Ordinal) ? System.Net.IPNetwork.TryParse(entry, out _) : IPAddress.TryParse(entry, out _);
            if (!valid)
            {
                throw new InvalidOperationException($"Hub:TrustedProxies takes IP addresses and CIDRs (\"10.0.0.5, 10.1.0.0/16\"), not '{entry}'");
            }
        }

        return entries;
    }
}
