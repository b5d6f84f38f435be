using Telepath.Cli.Daemon;
using Telepath.Cli.Output;
using Telepath.Daemon;
using Telepath.Protocol.Manager;

namespace Telepath.Cli.Commands.List;

internal static class ListCommand
{
    public static async Task<int> RunAsync(OutputFormat output, CancellationToken cancellationToken)
    {
        using var daemon = await DaemonConnection.RequireAsync(DaemonPaths.FromEnvironment(), cancellationToken).ConfigureAwait(false);
        var list = await daemon.Client.ListAsync(new Empty(), deadline: DaemonConnection.Deadline(), cancellationToken: cancellationToken).ConfigureAwait(false);
        await Console.Out.WriteAsync(output == OutputFormat.Json ? ProtoJson.Format(list) + Environment.NewLine : ListText.Format(list)).ConfigureAwait(false);
        return 0;
    }
}
