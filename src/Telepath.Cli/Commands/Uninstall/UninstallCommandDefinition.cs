using System.CommandLine;
using Telepath.Cli.Commands.Install;
using Telepath.Cli.Errors;

namespace Telepath.Cli.Commands.Uninstall;

internal sealed class UninstallCommandDefinition : Command
{
    public const string ChooseOne = "choose what to uninstall: --agent NAME, --all-agents or --everything";

    private const string Help = """
        Takes Telepath out of the cluster, talking to it directly (no daemon needed): the traffic
        agent of one workload, of all workloads, or everything (agents, token copies and the
        traffic manager). Workloads and Services are put back as they were. Running it again is fine.

        Example:
          telepath uninstall --agent orders
          telepath uninstall --all-agents
          telepath uninstall --everything
        """;

    public UninstallCommandDefinition()
        : base("uninstall", Help)
    {
        Options.Add(Agent);
        Options.Add(AllAgents);
        Options.Add(Everything);
        Options.Add(Context);
        Options.Add(Namespace);
        Options.Add(ManagerNamespace);
        Validators.Add(result =>
        {
            var chosen = (result.GetResult(Agent) is null ? 0 : 1)
                + (result.GetValue(AllAgents) ? 1 : 0)
                + (result.GetValue(Everything) ? 1 : 0);
            if (chosen != 1)
            {
                UsageErrors.Add(result, chosen == 0 ? ChooseOne : $"{ChooseOne}, only one of them");
            }
        });
        SetAction((parse, cancellationToken) => new UninstallCommand(this, parse).RunAsync(cancellationToken));
    }

    public Option<string> Agent { get; } = new("--agent") { Description = "Remove the traffic agent of this workload.", HelpName = "NAME" };

    public Option<bool> AllAgents { get; } = new("--all-agents") { Description = "Remove every traffic agent (of --namespace, else of all namespaces)." };

    public Option<bool> Everything { get; } = new("--everything") { Description = "Remove every agent and the traffic manager with all that install created." };

    public Option<string> Context { get; } = ClusterOptions.Context();

    public Option<string> Namespace { get; } = new("--namespace", "-n")
    {
        Description = "The workload's namespace (default: the context's namespace).",
        HelpName = "NAMESPACE",
    };

    public Option<string> ManagerNamespace { get; } = ClusterOptions.ManagerNamespace();
}
