using System.CommandLine;

namespace Telepath.Cli.Commands.Demo;

internal sealed class DemoCommandDefinition : Command
{
    private const string Help = """
        Runs a walkthrough of Telepath entirely on this machine: a traffic manager, a sample "orders"
        service behind a traffic agent, and a local copy of it, all on 127.0.0.1, each a process of its
        own (telepath-server, telepath-sample; telepath-hub for previews, built beside telepath). It shows
        a global intercept, leaving it, a personal intercept and a preview URL, with the real responses.
        It uses a daemon of its own and stops everything it started on exit, failure or Ctrl+C.

        Example:
          telepath demo
        """;

    public DemoCommandDefinition()
        : base("demo", Help)
    {
        SetAction((_, cancellationToken) => DemoWalkthrough.RunAsync(Console.Out, cancellationToken));
    }
}
