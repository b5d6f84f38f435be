using System.CommandLine;
using System.CommandLine.Parsing;
using Telepath.Cli.Errors;

namespace Telepath.Cli.Commands.Intercept;

internal sealed class InterceptCommandDefinition : Command
{
    private const string Help = """
        Sends a workload's traffic to a port on this laptop. Without HTTP conditions every TCP
        connection is intercepted (a global intercept); with them, only the HTTP requests that
        match all of them (a personal intercept), and the rest go to the workload as before.

        Example:
          telepath intercept orders --port 8080
          telepath intercept orders --port 8080 --http-header auto
          telepath intercept orders --port 8080 --http-header x-user=alice --http-path-prefix /api
          telepath intercept orders --port 8080:http --service orders --env-file orders.env
          telepath intercept orders --port 8080 --mirror --http-path-prefix /api
          telepath intercept orders --port 8080 --mount=/tmp/orders --env-file orders.env
          telepath intercept orders --port 8080 --ingress-host ingress-nginx-controller.ingress-nginx --ingress-port 80

        --mirror leaves every request to the app, and sends a copy of each one that matches (all
        of them without conditions) to this laptop, whose answers are dropped: the app's answers
        are unchanged and never wait for the copy. Bodies are copied up to --mirror-body-limit
        (1 MiB); a longer one is cut there and the copy carries x-telepath-mirror-truncated: 1.
        HTTP/1.1, HTTP/2 and unary gRPC are mirrored; WebSocket, streaming gRPC and non-HTTP
        TCP are not. Copies are dropped when this laptop is slow or gone. Several laptops may
        mirror a workload, beside personal and global intercepts.

        Patterns (the VALUE of --http-header, --http-path-regex) are .NET regular expressions that
        the traffic agent runs without backtracking, in time linear in the value: backreferences,
        lookarounds, atomic groups and conditionals are refused.

        --env-file writes KEY=VALUE lines that "set -a; . FILE" and docker compose read back
        exactly. A value of letters, digits and _ . / : @ % + , = - is written bare; any other is
        single-quoted, or, when it holds a ', double-quoted with \ " $ escaped; line breaks stay
        inside the quotes. "docker run --env-file" keeps quotes as part of values: give it values
        that need none, or use compose or --env-json. Variables whose names a shell cannot set
        (other than [A-Za-z_][A-Za-z0-9_]*), or whose values hold both a ' and a `, are left out,
        with a warning naming them; --env-json has every variable.

        --mount (on by default) mounts the app container's volumes (ConfigMaps, Secrets, the
        service-account token, emptyDirs, persistent volumes) under one directory, at their paths
        in the container: DIR/etc/config/app.yaml. It needs sshfs on this laptop; without it the
        intercept still works and one line says what to install. --env-file and --env-json then
        add TELEPATH_ROOT=DIR, for an app to prefix its paths with. "leave" and "quit" unmount.

        Logged in to a preview hub ("telepath login"), it makes a personal intercept and a preview
        URL, asking where preview requests enter the cluster (Enter takes the detected default;
        --ingress-* flags answer without asking; with no terminal the defaults are used).
        """;

    public InterceptCommandDefinition()
        : base("intercept", Help)
    {
        Arguments.Add(Workload);
        Options.Add(Port);
        Options.Add(HttpHeader);
        Options.Add(HttpPathPrefix);
        Options.Add(HttpPathEqual);
        Options.Add(HttpPathRegex);
        Options.Add(InterceptName);
        Options.Add(Address);
        Options.Add(Output);
        Options.Add(Service);
        Options.Add(Timeout);
        Options.Add(EnvFile);
        Options.Add(EnvJson);
        Options.Add(Mount);
        Options.Add(PreviewUrl);
        Options.Add(IngressHost);
        Options.Add(IngressPort);
        Options.Add(IngressTls);
        Options.Add(IngressL5);
        Options.Add(PreviewPublic);
        Options.Add(Mirror);
        Options.Add(MirrorBodyLimit);
        MirrorBodyLimit.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<long?>() is { } limit && limit < 0)
            {
                UsageErrors.Add(result, $"--mirror-body-limit {limit} is not a number of bytes (0 or more)");
            }
            else if (!result.Parent!.GetRequiredValue(Mirror) && !result.Implicit)
            {
                UsageErrors.Add(result, "--mirror-body-limit needs --mirror");
            }
        });
        IngressPort.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is { } port && port is < 1 or > 65535)
            {
                UsageErrors.Add(result, $"--ingress-port {port} is not a TCP port (1-65535)");
            }
        });
        HttpHeader.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (HttpConditions.CheckHeader(token.Value) is { } error)
                {
                    UsageErrors.Add(result, error);
                    return;
                }
            }
        });
        HttpPathRegex.Validators.Add(result => CheckRegex(result, "--http-path-regex"));
        SetAction((parse, cancellationToken) => new InterceptCommand(this, parse).RunAsync(cancellationToken));
    }

    public Argument<string> Workload { get; } = new("NAME") { Description = "The workload to intercept (a Deployment, StatefulSet or ReplicaSet)." };

    public Option<PortSpec> Port { get; } = new("--port", "-p")
    {
        Description = "The local port the intercepted traffic goes to, and the Service port it takes over when the Service has several (its number or name).",
        HelpName = "LOCAL[:SVCPORT]",
        Required = true,
        CustomParser = PortArgument.Parse,
    };

    public Option<string[]> HttpHeader { get; } = new("--http-header")
    {
        Description = "Intercept only HTTP requests with this header: NAME=VALUE (VALUE is a regular expression matching the whole value), or auto for x-telepath-intercept-id: <id>:<name>. Repeatable; all must match.",
        HelpName = "auto|NAME=VALUE",
    };

    public Option<string> HttpPathPrefix { get; } = new("--http-path-prefix") { Description = "Intercept only HTTP requests whose path starts with this.", HelpName = "PREFIX" };

    public Option<string> HttpPathEqual { get; } = new("--http-path-equal") { Description = "Intercept only HTTP requests with exactly this path.", HelpName = "PATH" };

    public Option<string> HttpPathRegex { get; } = new("--http-path-regex") { Description = "Intercept only HTTP requests whose whole path matches this regular expression.", HelpName = "REGEX" };

    public Option<string> InterceptName { get; } = new("--name") { Description = "The intercept's name (default: the workload's name).", HelpName = "NAME" };

    public Option<string> Address { get; } = new("--address")
    {
        Description = "The local address the intercepted traffic goes to.",
        HelpName = "ADDRESS",
        DefaultValueFactory = _ => "127.0.0.1",
    };

    public Option<OutputFormat> Output { get; } = OutputOption.Create();

    public Option<string> Service { get; } = new("--service") { Description = "The Service whose port to take over, when several select the workload.", HelpName = "SERVICE" };

    public Option<TimeSpan> Timeout { get; } = new("--timeout")
    {
        Description = "How long the traffic agent's rollout may take, and then how long to wait for the agents to apply the intercept (default: 60s).",
        HelpName = "DURATION",
        CustomParser = InterceptTimeout.Parse,
        DefaultValueFactory = _ => InterceptTimeout.Default,
    };

    public Option<string> EnvFile { get; } = new("--env-file")
    {
        Description = "Write the app container's environment to this file (mode 0600) as KEY=VALUE lines for \"set -a; . FILE\" and docker compose (see below).",
        HelpName = "FILE",
    };

    public Option<string> EnvJson { get; } = new("--env-json") { Description = "Write the app container's environment, every variable, to this file (mode 0600) as a JSON object.", HelpName = "FILE" };

    public Option<Telepath.Protocol.Daemon.MountRequest> Mount { get; } = new("--mount")
    {
        Description = "Mount the app container's volumes under DIR (default: on, into a new directory the output names); --mount=false does not.",
        HelpName = "DIR",
        Arity = System.CommandLine.ArgumentArity.ZeroOrOne,
        CustomParser = MountChoice.Parse,
        DefaultValueFactory = _ => MountChoice.Default(),
    };

    public Option<bool?> PreviewUrl { get; } = new("--preview-url")
    {
        Description = "Make a preview URL at the hub (default: when logged in). --preview-url=false makes the personal intercept without one.",
    };

    public Option<bool> PreviewPublic { get; } = new("--preview-public")
    {
        Description = "Let anyone with the preview URL open it, not only signed-in members of your organisation (the dashboard can switch it later).",
    };

    public Option<bool> Mirror { get; } = new("--mirror")
    {
        Description = "Leave every request to the app and send this laptop a copy of each matching one; its answers are dropped.",
    };

    public Option<long?> MirrorBodyLimit { get; } = new("--mirror-body-limit")
    {
        Description = "Bytes of a request body a mirror copies (default: 1048576); longer bodies are cut and marked.",
        HelpName = "BYTES",
    };

    public Option<string> IngressHost { get; } = new("--ingress-host") { Description = "The ingress the hub sends preview requests to: a host, IP or SERVICE.NAMESPACE.", HelpName = "HOST" };

    public Option<int?> IngressPort { get; } = new("--ingress-port") { Description = "The ingress's TCP port.", HelpName = "PORT" };

    public Option<bool?> IngressTls { get; } = new("--ingress-tls") { Description = "The ingress's port uses TLS." };

    public Option<string> IngressL5 { get; } = new("--ingress-l5") { Description = "The TLS SNI and HTTP Host the hub sends (default: the ingress rule's host, else the ingress host).", HelpName = "HOST" };

    private static void CheckRegex(OptionResult result, string option)
    {
        var pattern = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (HttpConditions.CheckRegex(option, pattern, pattern) is { } error)
        {
            UsageErrors.Add(result, error);
        }
    }
}
