using System.CommandLine;
using Telepath.Cli.Daemon;
using Telepath.Daemon;
using Telepath.Protocol.Daemon;
using CoreTokenFile = Telepath.Core.TokenFile;

namespace Telepath.Cli.Commands.Connect;

internal sealed class ConnectCommand(ConnectCommandDefinition definition, ParseResult parse)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var request = parse.GetValue(definition.Manager) is { } address
            ? new ConnectRequest { ManagerAddress = address, Token = CoreTokenFile.Read(parse.GetValue(definition.TokenFile)!), Namespace = parse.GetValue(definition.Namespace) ?? "" }
            : await ClusterConnect.PrepareAsync(definition, parse, cancellationToken).ConfigureAwait(false);
        var paths = DaemonPaths.FromEnvironment();
        using var daemon = await DaemonLauncher.EnsureRunningAsync(paths, cancellationToken).ConfigureAwait(false);
        var status = await daemon.Client.ConnectAsync(request, deadline: DaemonConnection.Deadline(60), cancellationToken: cancellationToken).ConfigureAwait(false);
        await Console.Out.WriteLineAsync($"Connected to {status.Context}, namespace {status.Namespace}").ConfigureAwait(false);
        return 0;
    }
}
