using System.CommandLine;
using Telepath.Cli.Commands.Install;
using Telepath.Cli.Errors;

namespace Telepath.Cli.Commands.Connect;

internal sealed class ConnectCommandDefinition : Command
{
    private const string Help = """
        Connects this laptop to a traffic manager, starting the Telepath daemon if it is not running.
        By default through the kubeconfig's cluster: the traffic manager is installed when it is
        missing and reached through the API server's port-forward. With --manager, directly at
        HOST:PORT with its token (no Kubernetes). With --proxy=socks, the daemon also serves a SOCKS5
        and HTTP CONNECT proxy to the cluster on 127.0.0.1 (names are resolved in the cluster).

        Example:
          telepath connect
          telepath connect --context kind-dev --namespace shop
          telepath connect --manager 127.0.0.1:8081 --token-file ./manager-token
          telepath connect --proxy=socks --proxy-port 1080
        """;

    public ConnectCommandDefinition()
        : base("connect", Help)
    {
        Options.Add(Manager);
        Options.Add(TokenFile);
        Options.Add(Namespace);
        Options.Add(Context);
        Options.Add(ManagerNamespace);
        Options.Add(Registry);
        Options.Add(Tag);
        Options.Add(Proxy);
        Options.Add(ProxyPort);
        Manager.Validators.Add(ManagerAddress.Validate);
        Proxy.Validators.Add(ProxyFlags.ValidateMode);
        ProxyPort.Validators.Add(ProxyFlags.ValidatePort);
        Validators.Add(result =>
        {
            if (result.GetResult(ProxyPort) is not null && result.GetResult(Proxy) is null)
            {
                UsageErrors.Add(result, "--proxy-port goes with --proxy=socks");
            }
        });
        Validators.Add(result =>
        {
            if (result.GetResult(Manager) is null)
            {
                if (result.GetResult(TokenFile) is not null)
                {
                    UsageErrors.Add(result, "--token-file goes with --manager HOST:PORT; through Kubernetes the token is read from the cluster");
                }
            }
            else if (result.GetResult(Context) is not null)
            {
                UsageErrors.Add(result, "--context and --manager exclude each other: --manager connects directly, without Kubernetes");
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
        Description = "The namespace whose workloads to list and intercept (default: the context's namespace, else default).",
        HelpName = "NAMESPACE",
    };

    public Option<string> Proxy { get; } = new("--proxy")
    {
        Description = "socks: serve a SOCKS5 and HTTP CONNECT proxy to the cluster on 127.0.0.1 (no root needed).",
        HelpName = "MODE",
    };

    public Option<int?> ProxyPort { get; } = new("--proxy-port")
    {
        Description = "The proxy's port on 127.0.0.1 (default 1080).",
        HelpName = "PORT",
    };

    public Option<string> Context { get; } = ClusterOptions.Context();

    public Option<string> ManagerNamespace { get; } = ClusterOptions.ManagerNamespace();

    public Option<string> Registry { get; } = ClusterOptions.Registry();

    public Option<string> Tag { get; } = ClusterOptions.Tag();
}
