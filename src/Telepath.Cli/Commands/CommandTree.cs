using System.CommandLine;
using Telepath.Cli.Commands.Connect;
using Telepath.Cli.Commands.Dashboard;
using Telepath.Cli.Commands.DaemonForeground;
using Telepath.Cli.Commands.Install;
using Telepath.Cli.Commands.Intercept;
using Telepath.Cli.Commands.Leave;
using Telepath.Cli.Commands.List;
using Telepath.Cli.Commands.Login;
using Telepath.Cli.Commands.Logout;
using Telepath.Cli.Commands.Manifests;
using Telepath.Cli.Commands.NetworkHelper;
using Telepath.Cli.Commands.Quit;
using Telepath.Cli.Commands.Status;
using Telepath.Cli.Commands.Uninstall;
using Telepath.Cli.Commands.Version;
using Telepath.Cli.Commands.Watch;

namespace Telepath.Cli.Commands;

/// <summary>
/// The whole command tree. Commands that live in their own folder and are written separately (the
/// demo) register themselves by implementing <see cref="AddExtraCommands"/> in a partial of this class,
/// so adding them needs no change here.
/// </summary>
internal static partial class CommandTree
{
    public const string Description = """
        Telepath intercepts a Kubernetes workload's traffic and sends it to your laptop.

        Example:
          telepath connect
          telepath intercept orders --port 8080
        """;

    public static RootCommand Build(IEnumerable<Command>? extraCommands = null)
    {
        var root = new RootCommand(Description)
        {
            new ConnectCommandDefinition(),
            new StatusCommandDefinition(),
            new ListCommandDefinition(),
            new InterceptCommandDefinition(),
            new LeaveCommandDefinition(),
            new WatchCommandDefinition(),
            new QuitCommandDefinition(),
            new VersionCommandDefinition(),
            new InstallCommandDefinition(),
            new UninstallCommandDefinition(),
            new ManifestsCommandDefinition(),
            new LoginCommandDefinition(),
            new LogoutCommandDefinition(),
            new DashboardCommandDefinition(),
            new DaemonForegroundCommandDefinition(),
            new NetworkHelperCommandDefinition(),
        };
        var extra = new List<Command>(extraCommands ?? []);
        AddExtraCommands(extra);
        foreach (var command in extra)
        {
            root.Subcommands.Add(command);
        }

        RootHelp.Install(root);
        return root;
    }

    /// <summary>Implemented (optionally) by the folders that add commands of their own, e.g. Commands/Demo.</summary>
    static partial void AddExtraCommands(List<Command> commands);
}
