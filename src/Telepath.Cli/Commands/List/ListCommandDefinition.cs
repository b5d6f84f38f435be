using System.CommandLine;

namespace Telepath.Cli.Commands.List;

internal sealed class ListCommandDefinition : Command
{
    private const string Help = """
        Lists the workloads of the connected namespace (Deployments, ReplicaSets, StatefulSets):
        which can be intercepted, which are, and why the others cannot.

        Example:
          telepath list
          telepath list --all-namespaces --output json
        """;

    public ListCommandDefinition()
        : base("list", Help)
    {
        Options.Add(Output);
        Options.Add(AllNamespaces);
        SetAction((parse, cancellationToken) => ListCommand.RunAsync(parse.GetValue(Output), parse.GetValue(AllNamespaces), cancellationToken));
    }

    public Option<bool> AllNamespaces { get; } = new("--all-namespaces", "-A") { Description = "List the workloads of every namespace." };

    public Option<OutputFormat> Output { get; } = OutputOption.Create();
}
