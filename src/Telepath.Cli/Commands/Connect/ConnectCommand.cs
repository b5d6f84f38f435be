using System.CommandLine;
using Microsoft.Extensions.Logging.Abstractions;
using Telepath.Daemon.Outbound;
using Telepath.Protocol.Daemon;
using CoreTokenFile = Telepath.Core.TokenFile;

namespace Telepath.Cli.Commands.Connect;

internal sealed class ConnectCommand(ConnectCommandDefinition definition, ParseResult parse)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        StatusReply status;
        if (parse.GetValue(definition.Manager) is { } address)
        {
            var direct = WithProxy(new ConnectRequest
            {
                ManagerAddress = address,
                Token = CoreTokenFile.Read(parse.GetValue(definition.TokenFile)!),
                Namespace = parse.GetValue(definition.Namespace) ?? "",
            });
            status = await ConnectFlow.ConnectAsync(direct, async _ =>
            {
                await EnsureProxyPortFreeAsync().ConfigureAwait(false);
                return direct;
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
            status = await ConnectFlow.ConnectAsync(WithProxy(cluster.Probe()), async token =>
            {
                await EnsureProxyPortFreeAsync().ConfigureAwait(false);
                return WithProxy(await cluster.PrepareAsync(token).ConfigureAwait(false));
            }, cancellationToken).ConfigureAwait(false);
        }

        await Console.Out.WriteLineAsync(ConnectText.Connected(status)).ConfigureAwait(false);
        return 0;
    }

    private ConnectRequest WithProxy(ConnectRequest request)
    {
        request.ProxyMode = parse.GetValue(definition.Proxy) ?? "";
        request.ProxyPort = parse.GetValue(definition.ProxyPort) ?? 0;
        return request;
    }

    /// <summary>
    /// A port in use is said before a daemon is started or a manager installed (the daemon binds it
    /// again for real). Only when no daemon is connected: a connected one may hold the port itself.
    /// </summary>
    private async Task EnsureProxyPortFreeAsync()
    {
        if (parse.GetValue(definition.Proxy) is not null)
        {
            var port = parse.GetValue(definition.ProxyPort) ?? LocalProxy.DefaultPort;
            await using var free = LocalProxy.Bind(port, NullLogger.Instance);
        }
    }
}
