using System.CommandLine;
using Telepath.Cli.Commands.Install;
using Telepath.Cli.Errors;
using Telepath.Daemon.Outbound;

namespace Telepath.Cli.Commands.Connect;

internal sealed class ConnectCommandDefinition : Command
{
    private const string Help = """
        Connects this laptop to a traffic manager, starting the Telepath daemon if it is not running.
        By default through the kubeconfig's cluster: the traffic manager is installed when it is
        missing and reached through the API server's port-forward. With --manager, directly at
        HOST:PORT with its token (no Kubernetes).

        Through Kubernetes, the laptop also reaches the cluster's Services and Pods by name and address
        (--proxy=on, the default): nftables rules send TCP to the cluster's ranges to the daemon and the
        daemon answers the cluster's DNS names. That needs root: run as a normal user, connect starts a
        small helper through sudo once, which asks for your password. Without root, --proxy=socks serves
        a SOCKS5 and HTTP CONNECT proxy to the cluster on 127.0.0.1 instead; --proxy=off neither.

        Example:
          telepath connect
          telepath connect --context kind-dev --namespace shop
          telepath connect --never-proxy 10.96.5.0/24 --also-proxy 10.50.0.0/16
          telepath connect --proxy=socks --proxy-port 1080
          telepath connect --manager 127.0.0.1:8081 --token-file ./manager-token
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
        Options.Add(AlsoProxy);
        Options.Add(NeverProxy);
        Manager.Validators.Add(ManagerAddress.Validate);
        Proxy.Validators.Add(ProxyFlags.ValidateMode);
        ProxyPort.Validators.Add(ProxyFlags.ValidatePort);
        Validators.Add(result =>
        {
            if (result.GetResult(ProxyPort) is not null && result.GetValue(Proxy) != ProxySettings.Socks)
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
        Description = "on: reach the cluster's names and addresses from the whole laptop (nftables and DNS; needs root or sudo; the default through Kubernetes). socks: a SOCKS5 and HTTP CONNECT proxy on 127.0.0.1 (no root). off: neither.",
        HelpName = "on|off|socks",
    };

    public Option<string[]> AlsoProxy { get; } = new("--also-proxy")
    {
        Description = "Also send this CIDR range to the cluster (repeatable; adds to proxy.alsoProxy in config.yml).",
        HelpName = "CIDR",
    };

    public Option<string[]> NeverProxy { get; } = new("--never-proxy")
    {
        Description = "Never send this CIDR range to the cluster, e.g. one your VPN routes (repeatable; adds to proxy.neverProxy in config.yml).",
        HelpName = "CIDR",
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
