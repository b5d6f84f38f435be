using System.CommandLine;
using Telepath.Cli.Commands.Demo;

namespace Telepath.Cli.Commands;

internal static partial class CommandTree
{
    static partial void AddExtraCommands(List<Command> commands) => commands.Add(new DemoCommandDefinition());
}
