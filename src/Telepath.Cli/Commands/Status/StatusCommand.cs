using System.Text.Json.Nodes;
using Telepath.Cli.Daemon;
using Telepath.Cli.Output;
using Telepath.Core;
using Telepath.Daemon;
using Telepath.Hub.Client;
using Telepath.Protocol.Manager;

namespace Telepath.Cli.Commands.Status;

internal static class StatusCommand
{
    public static async Task<int> RunAsync(OutputFormat output, CancellationToken cancellationToken)
    {
        var hub = HubLogin();
        using var daemon = await DaemonConnection.TryOpenAsync(DaemonPaths.FromEnvironment(), cancellationToken).ConfigureAwait(false);
        if (daemon is null)
        {
            await Console.Out.WriteAsync(output == OutputFormat.Json
                ? ProtoJson.Format(WithHub(new JsonObject { ["daemonRunning"] = false }, hub)) + Environment.NewLine
                : StatusText.NotRunning + Environment.NewLine + StatusText.Hub(hub)).ConfigureAwait(false);
            return 0;
        }

        var status = await daemon.Client.StatusAsync(new Empty(), deadline: DaemonConnection.Deadline(), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (output == OutputFormat.Json)
        {
            var json = ProtoJson.ToNode(status).AsObject();
            json.Insert(0, "daemonRunning", true);
            await Console.Out.WriteLineAsync(ProtoJson.Format(WithHub(json, hub))).ConfigureAwait(false);
        }
        else
        {
            await Console.Out.WriteAsync(StatusText.Format(status) + StatusText.Hub(hub)).ConfigureAwait(false);
        }

        return 0;
    }

    // Status reports what it can: unreadable credentials are login's to complain about, not a reason to fail here.
    private static HubCredentials? HubLogin()
    {
        try
        {
            return HubCredentials.Load(HubCredentials.DefaultPath);
        }
        catch (UserErrorException)
        {
            return null;
        }
    }

    private static JsonObject WithHub(JsonObject json, HubCredentials? hub)
    {
        if (hub is not null)
        {
            json["hub"] = new JsonObject { ["url"] = hub.Hub, ["user"] = hub.User, ["organisation"] = hub.Organisation };
        }

        return json;
    }
}
