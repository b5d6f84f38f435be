using System.CommandLine;

namespace Telepath.Cli.Commands.Status;

internal sealed class StatusCommandDefinition : Command
{
    private const string Help = """
        Shows whether the daemon runs, which traffic manager it is connected to, and the intercepts there.

        Example:
          telepath status
          telepath status --output json
        """;

    public StatusCommandDefinition()
        : base("status", Help)
    {
        Options.Add(Output);
        SetAction((parse, cancellationToken) => StatusCommand.RunAsync(parse.GetValue(Output), cancellationToken));
    }

    public Option<OutputFormat> Output { get; } = OutputOption.Create();
}
