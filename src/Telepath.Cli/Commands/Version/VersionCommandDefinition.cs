using System.CommandLine;

namespace Telepath.Cli.Commands.Version;

internal sealed class VersionCommandDefinition : Command
{
    private const string Help = """
        Shows the versions of this client, the daemon and the traffic manager it is connected to.

        Example:
          telepath version
          telepath version --output json
        """;

    public VersionCommandDefinition()
        : base("version", Help)
    {
        Options.Add(Output);
        SetAction((parse, cancellationToken) => VersionCommand.RunAsync(parse.GetValue(Output), cancellationToken));
    }

    public Option<OutputFormat> Output { get; } = OutputOption.Create();
}
