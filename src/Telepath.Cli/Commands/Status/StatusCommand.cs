using System.Text.Json.Nodes;
using Telepath.Cli.Daemon;
using Telepath.Cli.Output;
using Telepath.Daemon;
using Telepath.Protocol.Manager;

namespace Telepath.Cli.Commands.Status;

internal static class StatusCommand
{
    public static async Task<int> RunAsync(OutputFormat output, CancellationToken cancellationToken)
    {
        using var daemon = await DaemonConnection.TryOpenAsync(DaemonPaths.FromEnvironment(), cancellationToken).ConfigureAwait(false);
        if (daemon is null)
        {
            await Console.Out.WriteLineAsync(output == OutputFormat.Json ? ProtoJson.Format(new JsonObject { ["daemonRunning"] = false }) : StatusText.NotRunning).ConfigureAwait(false);
            return 0;
        }

        var status = await daemon.Client.StatusAsync(new Empty(), deadline: DaemonConnection.Deadline(), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (output == OutputFormat.Json)
        {
            var json = ProtoJson.ToNode(status).AsObject();
            json.Insert(0, "daemonRunning", true);
            await Console.Out.WriteLineAsync(ProtoJson.Format(json)).ConfigureAwait(false);
        }
        else
        {
            await Console.Out.WriteAsync(StatusText.Format(status)).ConfigureAwait(false);
        }

        return 0;
    }
}
