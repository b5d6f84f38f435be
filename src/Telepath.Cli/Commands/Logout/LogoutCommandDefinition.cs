using System.CommandLine;

namespace Telepath.Cli.Commands.Logout;

internal sealed class LogoutCommandDefinition : Command
{
    private const string Help = """
        Signs this CLI out of the preview hub: revokes its credential at the hub and deletes
        ~/.config/telepath/credentials.json.

        Example:
          telepath logout
        """;

    public LogoutCommandDefinition()
        : base("logout", Help)
    {
        SetAction((_, cancellationToken) => LogoutCommand.RunAsync(cancellationToken));
    }
}
