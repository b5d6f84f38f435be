using System.CommandLine;
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
            var direct = new ConnectRequest { ManagerAddress = address, Token = CoreTokenFile.Read(parse.GetValue(definition.TokenFile)!), Namespace = parse.GetValue(definition.Namespace) ?? "" };
            status = await ConnectFlow.ConnectAsync(direct, _ => Task.FromResult(direct), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var cluster = new ClusterConnect(
                parse.GetValue(definition.Context),
                parse.GetValue(definition.Namespace),
                parse.GetValue(definition.ManagerNamespace),
                parse.GetValue(definition.Registry),
                parse.GetValue(definition.Tag));
            status = await ConnectFlow.ConnectAsync(cluster.Probe(), cluster.PrepareAsync, cancellationToken).ConfigureAwait(false);
        }

        await Console.Out.WriteLineAsync(ConnectText.Connected(status)).ConfigureAwait(false);
        return 0;
    }
}
