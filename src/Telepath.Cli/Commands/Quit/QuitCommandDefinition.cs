using System.CommandLine;

namespace Telepath.Cli.Commands.Quit;

internal sealed class QuitCommandDefinition : Command
{
    private const string Help = """
        Ends this laptop's intercepts (letting requests in flight finish), disconnects from the
        traffic manager and stops the Telepath daemon.

        Example:
          telepath quit
        """;

    public QuitCommandDefinition()
        : base("quit", Help)
    {
        SetAction((_, cancellationToken) => QuitCommand.RunAsync(cancellationToken));
    }
}
