using System.CommandLine;
using Grpc.Core;
using Telepath.Cli.Commands.Install;
using Telepath.Cli.Commands.Connect;
using Telepath.Cli.Daemon;
using Telepath.Cli.Output;
using Telepath.Daemon;
using Telepath.Hub.Client;
using Telepath.Protocol.Daemon;
using Telepath.Protocol.Manager;

namespace Telepath.Cli.Commands.Intercept;

internal sealed class InterceptCommand(InterceptCommandDefinition definition, ParseResult parse)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var request = BuildRequest();
        var wantsPreview = PreviewChoice.Decide(parse.GetValue(definition.PreviewUrl), request, HubCredentials.Load(HubCredentials.DefaultPath) is not null);
        using var daemon = await ConnectFlow.OpenConnectedAsync(cancellationToken).ConfigureAwait(false);
        if (wantsPreview)
        {
            var detected = await daemon.Client.SuggestIngressAsync(request, deadline: DaemonConnection.Deadline(), cancellationToken: cancellationToken).ConfigureAwait(false);
            var ingress = await IngressQuestions.ForConsole().AskAsync(
                detected,
                parse.GetValue(definition.IngressHost),
                parse.GetValue(definition.IngressPort),
                parse.GetValue(definition.IngressTls),
                parse.GetValue(definition.IngressL5)).ConfigureAwait(false);
            await Console.Error.WriteLineAsync(IngressQuestions.Describe(ingress)).ConfigureAwait(false);
            request.Preview = new PreviewRequest { Ingress = ingress, Public = parse.GetValue(definition.PreviewPublic) };
        }


        // The agent's rollout may take the whole timeout, and the agents' applying the intercept the whole
        // timeout again; creating the intercept takes a little more.
        var deadline = DaemonConnection.Deadline((2 * request.TimeoutSeconds) + 30);
        using var call = daemon.Client.InterceptWithProgress(request, deadline: deadline, cancellationToken: cancellationToken);
        InterceptEvent? done = null;
        await foreach (var update in call.ResponseStream.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (update.Intercept is not null)
            {
                done = update;
            }
            else
            {
                StderrProgress.Instance.Report(update.Progress);
            }
        }

        var intercept = done?.Intercept ?? throw new InvalidOperationException("the daemon ended the intercept call without the intercept");
        var environment = new Dictionary<string, string>(done.Environment, StringComparer.Ordinal);
        if (done.Mount is { Volumes.Count: > 0 } mounted)
        {
            environment["TELEPATH_ROOT"] = mounted.Directory;
        }

        if (done.Mount is { Problem.Length: > 0 } problem)
        {
            await Console.Error.WriteLineAsync($"telepath: {problem.Problem}").ConfigureAwait(false);
        }

        foreach (var warning in EnvironmentFiles.Write(environment, parse.GetValue(definition.EnvFile), parse.GetValue(definition.EnvJson)))
        {
            await Console.Error.WriteLineAsync($"telepath: {warning}").ConfigureAwait(false);
        }

        var text = parse.GetValue(definition.Output) == OutputFormat.Json
            ? InterceptJson.Format(intercept, done.PreviewUrl, done.Mount) + Environment.NewLine
            : InterceptText.Format(intercept, done.PreviewUrl, done.Mount);
        await Console.Out.WriteAsync(text).ConfigureAwait(false);
        return 0;
    }

    private InterceptRequest BuildRequest()
    {
        var workload = parse.GetValue(definition.Workload)!;
        var port = parse.GetValue(definition.Port)!;
        var (auto, headers) = HttpConditions.Parse(parse.GetValue(definition.HttpHeader) ?? []);
        var spec = new InterceptSpec
        {
            Workload = workload,
            Name = parse.GetValue(definition.InterceptName) ?? workload,
            TargetHost = parse.GetValue(definition.Address) ?? "127.0.0.1",
            TargetPort = port.Local,
            PathPrefix = parse.GetValue(definition.HttpPathPrefix) ?? "",
            PathEqual = parse.GetValue(definition.HttpPathEqual) ?? "",
            PathRegex = parse.GetValue(definition.HttpPathRegex) ?? "",
            Mirror = parse.GetValue(definition.Mirror),
            MirrorBodyLimit = parse.GetValue(definition.MirrorBodyLimit) ?? 0,
        };
        spec.Headers.AddRange(headers);
        return new InterceptRequest
        {
            Spec = spec,
            AutoHeader = auto,
            Service = parse.GetValue(definition.Service) ?? "",
            ServicePort = port.ServicePort ?? "",
            TimeoutSeconds = (int)parse.GetValue(definition.Timeout).TotalSeconds,
            Mount = parse.GetValue(definition.Mount) ?? MountChoice.Default(),
        };
    }
}
