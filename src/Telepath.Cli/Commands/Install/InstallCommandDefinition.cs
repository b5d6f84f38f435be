using System.CommandLine;

namespace Telepath.Cli.Commands.Install;

internal sealed class InstallCommandDefinition : Command
{
    private const string Help = """
        Installs the traffic manager in the cluster of the kubeconfig context (connect does this
        too when it is missing). With --upgrade, replaces an installed manager with this version,
        keeping its token.

        Example:
          telepath install
          telepath install --upgrade --registry registry.example.com/telepath --tag v0.1.0
        """;

    public InstallCommandDefinition()
        : base("install", Help)
    {
        Options.Add(Upgrade);
        Options.Add(Context);
        Options.Add(ManagerNamespace);
        Options.Add(Registry);
        Options.Add(Tag);
        SetAction((parse, cancellationToken) => new InstallCommand(this, parse).RunAsync(cancellationToken));
    }

    public Option<bool> Upgrade { get; } = new("--upgrade") { Description = "Replace an installed traffic manager (of any version) with this one." };

    public Option<string> Context { get; } = ClusterOptions.Context();

    public Option<string> ManagerNamespace { get; } = ClusterOptions.ManagerNamespace();

    public Option<string> Registry { get; } = ClusterOptions.Registry();

    public Option<string> Tag { get; } = ClusterOptions.Tag();
}
