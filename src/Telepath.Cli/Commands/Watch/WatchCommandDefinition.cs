using System.CommandLine;

namespace Telepath.Cli.Commands.Watch;

internal sealed class WatchCommandDefinition : Command
{
    private const string Help = """
        Shows, live, every request that reaches an intercepted workload's agent (one line per request,
        or per connection that is not HTTP): where it went (your laptop, or the app) and why, status,
        duration and bytes. By default: this laptop's intercepts, and the requests no intercept matched
        on their workloads. Header values are never shown, only which condition did not match.
        Ctrl+C ends it.

        Example:
          telepath watch
          telepath watch orders --show-query
          telepath watch --all --output json
        """;

    public WatchCommandDefinition()
        : base("watch", Help)
    {
        Arguments.Add(InterceptName);
        Options.Add(All);
        Options.Add(ShowQuery);
        Options.Add(Output);
        SetAction((parse, cancellationToken) => WatchCommand.RunAsync(
            new WatchSettings(parse.GetValue(InterceptName), parse.GetValue(All), parse.GetValue(ShowQuery), parse.GetValue(Output)),
            cancellationToken));
    }

    public Argument<string?> InterceptName { get; } = new("NAME")
    {
        Description = "Only the workload of this intercept (\"telepath status\" lists them).",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public Option<bool> All { get; } = new("--all") { Description = "Every intercepted workload's requests, other laptops' intercepts included." };

    public Option<bool> ShowQuery { get; } = new("--show-query") { Description = "Keep the query string of paths (removed by default: it often carries tokens)." };

    public Option<OutputFormat> Output { get; } = OutputOption.Create();
}
