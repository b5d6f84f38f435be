using System.CommandLine;

namespace Telepath.Cli.Commands.Login;

internal sealed class LoginCommandDefinition : Command
{
    private const string Help = """
        Signs this CLI in to a Telepath preview hub, for preview URLs. Without --api-key it shows a
        code to approve on the hub's web page (opened in your browser when there is one) and waits.
        A person in several organisations chooses on that page the one the CLI acts in; --org
        preselects it. The credential is kept in ~/.config/telepath/credentials.json (mode 0600).

        Example:
          telepath login --hub https://hub.example.com
          telepath login --hub https://hub.example.com --org acme
          telepath login --hub https://hub.example.com --api-key "$TELEPATH_API_KEY"
        """;

    public LoginCommandDefinition()
        : base("login", Help)
    {
        Options.Add(Hub);
        Options.Add(ApiKey);
        Options.Add(Organisation);
        SetAction((parse, cancellationToken) => new LoginCommand(this, parse).RunAsync(cancellationToken));
    }

    public Option<string> Hub { get; } = new("--hub")
    {
        Description = "The hub's URL (default: hub.url of ~/.config/telepath/config.yml).",
        HelpName = "URL",
    };

    public Option<string> Organisation { get; } = new("--org")
    {
        Description = "The organisation to act in, preselected on the approval page (an API key acts in the one it was made in).",
        HelpName = "NAME",
    };

    public Option<string> ApiKey { get; } = new("--api-key")
    {
        Description = "Sign in with an API key made on the hub's API keys page, without a browser.",
        HelpName = "KEY",
    };
}
