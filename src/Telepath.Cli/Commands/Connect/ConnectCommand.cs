using System.CommandLine;
using Microsoft.Extensions.Logging.Abstractions;
using Telepath.Daemon.Outbound;
using Telepath.Daemon.Outbound.LocalProxy;
using Telepath.Protocol.Daemon;
using CoreTokenFile = Telepath.Core.TokenFile;

namespace Telepath.Cli.Commands.Connect;

internal sealed class ConnectCommand(ConnectCommandDefinition definition, ParseResult parse)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        StatusReply status;
        var proxy = ProxyChoice.Resolve(
            parse.GetValue(definition.Proxy),
            parse.GetValue(definition.ProxyPort),
            parse.GetValue(definition.AlsoProxy) ?? [],
            parse.GetValue(definition.NeverProxy) ?? [],
            direct: parse.GetValue(definition.Manager) is not null,
            Config.ConfigFile.DefaultPath);
        NetworkHelperStart.EnsurePossible(proxy);
        if (parse.GetValue(definition.Manager) is { } address)
        {
            var direct = proxy.ApplyTo(new ConnectRequest
            {
                ManagerAddress = address,
                Token = CoreTokenFile.Read(parse.GetValue(definition.TokenFile)!),
                Namespace = parse.GetValue(definition.Namespace) ?? "",
            });
            status = await ConnectFlow.ConnectAsync(direct, async token =>
            {
                await EnsureProxyPortFreeAsync(proxy).ConfigureAwait(false);
                return await NetworkHelperStart.AddToAsync(direct, token).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var cluster = new ClusterConnect(
                parse.GetValue(definition.Context),
                parse.GetValue(definition.Namespace),
                parse.GetValue(definition.ManagerNamespace),
                parse.GetValue(definition.Registry),
                parse.GetValue(definition.Tag));
            status = await ConnectFlow.ConnectAsync(cluster, proxy, () => EnsureProxyPortFreeAsync(proxy), cancellationToken).ConfigureAwait(false);
        }

        await Console.Out.WriteLineAsync(ConnectText.Connected(status)).ConfigureAwait(false);
        return 0;
    }

    /// <summary>
    /// A port in use is said before a daemon is started or a manager installed (the daemon binds it
    /// again for real). Only when no daemon is connected: a connected one may hold the port itself.
    /// </summary>
    private static async Task EnsureProxyPortFreeAsync(ProxyChoice proxy)
    {
        if (proxy.Mode == ProxySettings.Socks)
        {
            var port = proxy.Port == 0 ? LocalProxyServer.DefaultPort : proxy.Port;
            await using var free = LocalProxyServer.Bind(port, NullLogger.Instance);
        }
    }
}
