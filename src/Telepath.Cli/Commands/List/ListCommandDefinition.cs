using System.CommandLine;

namespace Telepath.Cli.Commands.List;

internal sealed class ListCommandDefinition : Command
{
    private const string Help = """
        Lists the workloads of the connected namespace that can be intercepted, and which are.

        Example:
          telepath list
          telepath list --output json
        """;

    public ListCommandDefinition()
        : base("list", Help)
    {
        Options.Add(Output);
        SetAction((parse, cancellationToken) => ListCommand.RunAsync(parse.GetValue(Output), cancellationToken));
    }

    public Option<OutputFormat> Output { get; } = OutputOption.Create();
}
