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
        var address = parse.GetValue(definition.Manager)!;
        var token = CoreTokenFile.Read(parse.GetValue(definition.TokenFile)!);
        var paths = DaemonPaths.FromEnvironment();
        using var daemon = await DaemonLauncher.EnsureRunningAsync(paths, cancellationToken).ConfigureAwait(false);
        var request = new ConnectRequest { ManagerAddress = address, Token = token, Namespace = parse.GetValue(definition.Namespace) ?? "" };
        var status = await daemon.Client.ConnectAsync(request, deadline: DaemonConnection.Deadline(30), cancellationToken: cancellationToken).ConfigureAwait(false);
        await Console.Out.WriteLineAsync($"Connected to {status.Context}, namespace {status.Namespace}").ConfigureAwait(false);
        return 0;
    }
}
