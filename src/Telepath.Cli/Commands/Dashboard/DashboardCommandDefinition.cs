using System.CommandLine;

namespace Telepath.Cli.Commands.Dashboard;

internal sealed class DashboardCommandDefinition : Command
{
    private const string Help = """
        Opens the preview hub's dashboard of your organisation's intercepts in the browser, or
        prints its URL where there is no browser.

        Example:
          telepath dashboard
          telepath dashboard --hub https://hub.example.com
        """;

    public DashboardCommandDefinition()
        : base("dashboard", Help)
    {
        Options.Add(Hub);
        SetAction((parse, _) => DashboardCommand.RunAsync(parse.GetValue(Hub)));
    }

    public Option<string> Hub { get; } = new("--hub")
    {
        Description = "The hub's URL (default: the one logged in to, else hub.url of the config file).",
        HelpName = "URL",
    };
}
