using System.CommandLine;
using Telepath.Cli.Errors;

namespace Telepath.Cli.Commands.Connect;

internal sealed class ConnectCommandDefinition : Command
{
    public const string KubernetesNotBuilt = "connecting through Kubernetes (kubeconfig) is not built yet; --manager HOST:PORT is required for now";

    private const string Help = """
        Connects this laptop to a traffic manager, starting the Telepath daemon if it is not running.
        For now the manager is reached directly at HOST:PORT with its token (no Kubernetes).

        Example:
          telepath connect --manager 127.0.0.1:8081 --token-file ./manager-token
        """;

    public ConnectCommandDefinition()
        : base("connect", Help)
    {
        Options.Add(Manager);
        Options.Add(TokenFile);
        Options.Add(Namespace);
        Manager.Validators.Add(ManagerAddress.Validate);
        Validators.Add(result =>
        {
            if (result.GetResult(Manager) is null)
            {
                UsageErrors.Add(result, KubernetesNotBuilt);
            }
            else if (result.GetResult(TokenFile) is null)
            {
                UsageErrors.Add(result, "--token-file FILE is required with --manager: the file holding the manager's token");
            }
        });
        SetAction((parse, cancellationToken) => new ConnectCommand(this, parse).RunAsync(cancellationToken));
    }

    public Option<string> Manager { get; } = new("--manager")
    {
        Description = "The traffic manager's address, HOST:PORT.",
        HelpName = "HOST:PORT",
    };

    public Option<string> TokenFile { get; } = new("--token-file")
    {
        Description = "A file holding the manager's bearer token.",
        HelpName = "FILE",
    };

    public Option<string> Namespace { get; } = new("--namespace", "-n")
    {
        Description = "The namespace whose workloads to list and intercept (default: default).",
        HelpName = "NAMESPACE",
    };
}
