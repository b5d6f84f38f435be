using System.CommandLine;

namespace Telepath.Cli.Commands.Leave;

internal sealed class LeaveCommandDefinition : Command
{
    private const string Help = """
        Ends one of this laptop's intercepts: new requests go to the workload again, requests in
        flight finish (for up to 10 s).

        Example:
          telepath leave orders
        """;

    public LeaveCommandDefinition()
        : base("leave", Help)
    {
        Arguments.Add(InterceptName);
        SetAction((parse, cancellationToken) => LeaveCommand.RunAsync(parse.GetValue(InterceptName)!, cancellationToken));
    }

    public Argument<string> InterceptName { get; } = new("NAME") { Description = "The intercept's name (\"telepath status\" lists them)." };
}
