using System.Text;
using System.Text.Json.Nodes;
using Telepath.Cli.Daemon;
using Telepath.Cli.Output;
using Telepath.Core;
using Telepath.Daemon;
using Telepath.Protocol.Daemon;
using Telepath.Protocol.Manager;

namespace Telepath.Cli.Commands.Version;

internal static class VersionCommand
{
    public static async Task<int> RunAsync(OutputFormat output, CancellationToken cancellationToken)
    {
        VersionReply? versions = null;
        using (var daemon = await DaemonConnection.TryOpenAsync(DaemonPaths.FromEnvironment(), cancellationToken).ConfigureAwait(false))
        {
            if (daemon is not null)
            {
                versions = await daemon.Client.VersionAsync(new Empty(), deadline: DaemonConnection.Deadline(), cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }

        await Console.Out.WriteAsync(output == OutputFormat.Json ? Json(versions) : Text(versions)).ConfigureAwait(false);
        return 0;
    }

    private static string Text(VersionReply? versions)
    {
        var text = new StringBuilder().AppendLine($"Client: {TelepathVersion.Current}");
        text.AppendLine($"Daemon: {versions?.DaemonVersion ?? "not running"}");
        if (versions is { ManagerVersion.Length: > 0 })
        {
            text.AppendLine($"Manager: {versions.ManagerVersion}");
        }

        return text.ToString();
    }

    private static string Json(VersionReply? versions)
    {
        var json = new JsonObject
        {
            ["client"] = TelepathVersion.Current,
            ["daemon"] = versions?.DaemonVersion,
            ["manager"] = versions is { ManagerVersion.Length: > 0 } ? versions.ManagerVersion : null,
        };
        return ProtoJson.Format(json) + Environment.NewLine;
    }
}
