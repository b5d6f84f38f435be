using System.CommandLine;
using Telepath.Cli.Commands.Install;

namespace Telepath.Cli.Commands.Manifests;

internal sealed class ManifestsCommandDefinition : Command
{
    private const string Help = """
        Prints the traffic manager's manifests as YAML (what install creates), for GitOps. The
        Secret holds a newly generated token.

        Example:
          telepath manifests > telepath.yaml
          telepath manifests --registry registry.example.com/telepath --tag v0.1.0
        """;

    public ManifestsCommandDefinition()
        : base("manifests", Help)
    {
        Options.Add(ManagerNamespace);
        Options.Add(Registry);
        Options.Add(Tag);
        SetAction((parse, _) => ManifestsCommand.RunAsync(
            InstallSettings.Resolve(parse.GetValue(ManagerNamespace), parse.GetValue(Registry), parse.GetValue(Tag))));
    }

    public Option<string> ManagerNamespace { get; } = ClusterOptions.ManagerNamespace();

    public Option<string> Registry { get; } = ClusterOptions.Registry();

    public Option<string> Tag { get; } = ClusterOptions.Tag();
}
