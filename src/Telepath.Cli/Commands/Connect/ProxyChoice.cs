using System.Net;
using System.Net.Sockets;
using Telepath.Cli.Config;
using Telepath.Core;
using Telepath.Daemon.Outbound;
using Telepath.Protocol.Daemon;

namespace Telepath.Cli.Commands.Connect;

/// <summary>
/// How connect reaches the cluster's network: the flags, else the config file's proxy section, else
/// on through Kubernetes and off with --manager (a manager reached directly has no cluster to route to).
/// Ranges from the flags add to the config file's.
/// </summary>
internal sealed record ProxyChoice(string Mode, int Port, IReadOnlyList<IPNetwork> AlsoProxy, IReadOnlyList<IPNetwork> NeverProxy)
{
    /// <exception cref="UserErrorException">A range that does not parse or is not IPv4, or a mode the config file misspells.</exception>
    public static ProxyChoice Resolve(string? flagMode, int? flagPort, IEnumerable<string> flagAlso, IEnumerable<string> flagNever, bool direct, string configPath)
    {
        var config = ConfigFile.Load(configPath).Proxy;
        var mode = flagMode ?? config?.Mode?.Trim().ToLowerInvariant() ?? (direct ? ProxySettings.Off : ProxySettings.On);
        if (!ProxyFlags.Modes.Contains(mode))
        {
            throw new UserErrorException($"{configPath}: proxy.mode \"{config?.Mode}\" is not on, off or socks; fix the file or pass --proxy");
        }

        var also = Ranges("--also-proxy", flagAlso).Concat(Ranges($"proxy.alsoProxy in {configPath}", config?.AlsoProxy ?? [])).ToList();
        var never = Ranges("--never-proxy", flagNever).Concat(Ranges($"proxy.neverProxy in {configPath}", config?.NeverProxy ?? [])).ToList();
        return new ProxyChoice(mode, flagPort ?? 0, also, never);
    }

    /// <summary>The daemon's own check (it knows the API server's address), on this choice's ranges.</summary>
    /// <exception cref="UserErrorException">A range covers the API server's address.</exception>
    public void CheckApiServer(string serverUrl, IReadOnlyList<IPAddress> apiServer) =>
        ApiServerRanges.Check(Mode, AlsoProxy, NeverProxy, serverUrl, apiServer);

    public ConnectRequest ApplyTo(ConnectRequest request)
    {
        request.ProxyMode = Mode;
        request.ProxyPort = Mode == ProxySettings.Socks ? Port : 0;
        request.AlsoProxy.Clear();
        request.AlsoProxy.AddRange(AlsoProxy.Select(r => r.ToString()));
        request.NeverProxy.Clear();
        request.NeverProxy.AddRange(NeverProxy.Select(r => r.ToString()));
        return request;
    }

    private static IEnumerable<IPNetwork> Ranges(string source, IEnumerable<string> texts)
    {
        foreach (var text in texts)
        {
            if (!IPNetwork.TryParse(text.Trim(), out var range))
            {
                throw new UserErrorException($"{source} \"{text}\" is not a CIDR range; write it like 10.96.0.0/12");
            }

            if (range.BaseAddress.AddressFamily != AddressFamily.InterNetwork)
            {
                throw new UserErrorException($"{source} {range}: only IPv4 ranges are redirected so far; give an IPv4 range");
            }

            yield return range;
        }
    }
}
