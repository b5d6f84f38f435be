using Telepath.Cli.Commands.Connect;
using Telepath.Cli.Daemon;
using Telepath.Cli.Output;
using Telepath.Daemon;
using Telepath.Protocol.Daemon;

namespace Telepath.Cli.Commands.List;

internal static class ListCommand
{
    public static async Task<int> RunAsync(OutputFormat output, bool allNamespaces, CancellationToken cancellationToken)
    {
        using var daemon = await ConnectFlow.OpenConnectedAsync(cancellationToken).ConfigureAwait(false);
        var list = await daemon.Client.ListWorkloadsAsync(new ListRequest { AllNamespaces = allNamespaces }, deadline: DaemonConnection.Deadline(), cancellationToken: cancellationToken).ConfigureAwait(false);
        await Console.Out.WriteAsync(output == OutputFormat.Json ? ProtoJson.Format(list) + Environment.NewLine : ListText.Format(list, allNamespaces)).ConfigureAwait(false);
        return 0;
    }
}
