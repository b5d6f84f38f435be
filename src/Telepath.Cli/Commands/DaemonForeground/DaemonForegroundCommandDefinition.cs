using System.CommandLine;
using Telepath.Daemon;
using Telepath.Daemon.Hosting;

namespace Telepath.Cli.Commands.DaemonForeground;

/// <summary>The daemon itself, as <c>connect</c> starts it; hidden because people do not type it.</summary>
internal sealed class DaemonForegroundCommandDefinition : Command
{
    public const string CommandName = "daemon-foreground";

    private const string Help = """
        Runs the Telepath daemon in this process (telepath connect starts it on its own).

        Example:
          telepath daemon-foreground
        """;

    public DaemonForegroundCommandDefinition()
        : base(CommandName, Help)
    {
        Hidden = true;
        SetAction((_, cancellationToken) => DaemonRunner.RunAsync(DaemonPaths.FromEnvironment(), cancellationToken));
    }
}
