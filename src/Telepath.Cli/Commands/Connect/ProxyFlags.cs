using System.CommandLine.Parsing;
using Telepath.Cli.Errors;
using Telepath.Daemon.Outbound;

namespace Telepath.Cli.Commands.Connect;

/// <summary>Checks <c>--proxy</c> and <c>--proxy-port</c> before anything is started.</summary>
internal static class ProxyFlags
{
    public static readonly string[] Modes = [ProxySettings.On, ProxySettings.Off, ProxySettings.Socks];

    public static void ValidateMode(OptionResult result)
    {
        if (result.Tokens.Count > 0 && !Modes.Contains(result.Tokens[0].Value))
        {
            UsageErrors.Add(result, $"invalid --proxy \"{result.Tokens[0].Value}\": expected on (nftables and DNS, needs root or sudo), off, or socks (a SOCKS5 and HTTP CONNECT proxy on 127.0.0.1)");
        }
    }

    public static void ValidatePort(OptionResult result)
    {
        if (result.Tokens.Count > 0 && (!int.TryParse(result.Tokens[0].Value, out var port) || port is < 1 or > 65535))
        {
            UsageErrors.Add(result, $"invalid --proxy-port \"{result.Tokens[0].Value}\": expected a port from 1 to 65535");
        }
    }
}
