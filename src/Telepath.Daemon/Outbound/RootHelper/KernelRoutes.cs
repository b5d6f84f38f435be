using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Telepath.Daemon.Outbound.RootHelper;

/// <summary>
/// The kernel's IPv4 routes through the real `ip`: what it would use for an address (policy rules and every
/// table included, as a connect() would see them), and Telepath's own routes, which carry
/// <see cref="Protocol"/> so that they are recognisable and no other route is ever deleted.
/// </summary>
public sealed class KernelRoutes(SystemTool ip)
{
    /// <summary>The `proto` of Telepath's routes: a number no routing daemon of iproute2's list (rt_protos) uses.</summary>
    public const int Protocol = 84;

    public KernelRoutes()
        : this(SystemTool.Find("ip"))
    {
    }

    /// <summary>`ip route get fibmatch`: the route entry that matched, with its prefix, rather than the address alone.</summary>
    /// <exception cref="IOException">ip failed in a way that says nothing about routes.</exception>
    public async Task<RouteLookup> LookupAsync(IPAddress address, CancellationToken cancellationToken)
    {
        var (exitCode, output, error) = await RunAsync(["-4", "-j", "route", "get", "fibmatch", address.ToString()], cancellationToken).ConfigureAwait(false);
        return exitCode == 0 ? ParseLookup(output) : LookupFailure(address, error);
    }

    /// <exception cref="IOException">The route could not be added; the message is ip's.</exception>
    public async Task AddAsync(IPNetwork range, string device, CancellationToken cancellationToken)
    {
        var (exitCode, _, error) = await RunAsync(["-4", "route", "add", range.ToString(), "dev", device, "proto", Protocol.ToString(CultureInfo.InvariantCulture), "scope", "link"], cancellationToken).ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw new IOException($"cannot add the route {range} dev {device}: {error}");
        }
    }

    /// <summary>Whether Telepath's route to exactly <paramref name="range"/> is still there (another program may have deleted it).</summary>
    /// <exception cref="IOException">ip failed.</exception>
    public async Task<bool> ExistsAsync(IPNetwork range, string device, CancellationToken cancellationToken)
    {
        var (exitCode, output, error) = await RunAsync(["-4", "-j", "route", "show", "table", "main", "exact", range.ToString(), "dev", device, "proto", Protocol.ToString(CultureInfo.InvariantCulture)], cancellationToken).ConfigureAwait(false);
        if (exitCode != 0)
        {
            return error.Contains("Cannot find device", StringComparison.Ordinal) ? false : throw new IOException($"cannot list the routes of {device}: {error}");
        }

        try
        {
            using var document = JsonDocument.Parse(output);
            return document.RootElement.GetArrayLength() > 0;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new IOException($"ip route show printed what is not a list of routes: {output}", e);
        }
    }

    /// <summary>Deletes Telepath's route to <paramref name="range"/>; one that is gone already is not an error.</summary>
    /// <exception cref="IOException">ip failed otherwise.</exception>
    public async Task DeleteAsync(IPNetwork range, string device, CancellationToken cancellationToken)
    {
        var (exitCode, _, error) = await RunAsync(["-4", "route", "del", range.ToString(), "dev", device, "proto", Protocol.ToString(CultureInfo.InvariantCulture)], cancellationToken).ConfigureAwait(false);
        if (exitCode != 0 && !error.Contains("No such process", StringComparison.Ordinal) && !error.Contains("Cannot find device", StringComparison.Ordinal))
        {
            throw new IOException($"cannot delete the route {range} dev {device}: {error}");
        }
    }

    /// <summary>Reads `ip -j route get fibmatch`'s answer, e.g. [{"dst":"default","gateway":"192.168.1.1","dev":"wlan0","flags":[]}].</summary>
    /// <exception cref="IOException">Not that shape.</exception>
    public static RouteLookup ParseLookup(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var route = document.RootElement.EnumerateArray().First();
            var destination = route.GetProperty("dst").GetString() ?? "";
            var device = route.TryGetProperty("dev", out var dev) ? dev.GetString() ?? "" : "";
            var matched = destination switch
            {
                "default" => new IPNetwork(IPAddress.Any, 0),
                _ when destination.Contains('/', StringComparison.Ordinal) => IPNetwork.Parse(destination),
                _ => new IPNetwork(IPAddress.Parse(destination), 32),
            };
            return new RouteLookup(RouteAnswer.Route, matched, device);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw new IOException($"ip route get printed what is not a route: {json.Trim()}", e);
        }
    }

    // ENETUNREACH is "no route"; an unreachable, prohibit or blackhole route answers EHOSTUNREACH, EACCES or EINVAL.
    private static RouteLookup LookupFailure(IPAddress address, string error) =>
        error.Contains("Network is unreachable", StringComparison.Ordinal) ? RouteLookup.None
        : error.Contains("No route to host", StringComparison.Ordinal)
            || error.Contains("Permission denied", StringComparison.Ordinal)
            || error.Contains("Invalid argument", StringComparison.Ordinal) ? RouteLookup.Refusing
        : throw new IOException($"ip route get {address} failed: {error}");

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(string[] arguments, CancellationToken cancellationToken)
    {
        try
        {
            return await ip.RunWithOutputAsync(arguments, cancellationToken).ConfigureAwait(false);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new IOException($"cannot run {ip.Path}: {e.Message}; install iproute2", e);
        }
    }
}
