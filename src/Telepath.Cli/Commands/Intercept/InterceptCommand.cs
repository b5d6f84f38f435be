using System.CommandLine;
using Telepath.Cli.Daemon;
using Telepath.Cli.Output;
using Telepath.Daemon;
using Telepath.Protocol.Daemon;
using Telepath.Protocol.Manager;

namespace Telepath.Cli.Commands.Intercept;

internal sealed class InterceptCommand(InterceptCommandDefinition definition, ParseResult parse)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var request = BuildRequest();
        using var daemon = await DaemonConnection.RequireAsync(DaemonPaths.FromEnvironment(), cancellationToken).ConfigureAwait(false);
        var intercept = await daemon.Client.InterceptAsync(request, deadline: DaemonConnection.Deadline(30), cancellationToken: cancellationToken).ConfigureAwait(false);
        var text = parse.GetValue(definition.Output) == OutputFormat.Json ? ProtoJson.Format(intercept) + Environment.NewLine : InterceptText.Format(intercept);
        await Console.Out.WriteAsync(text).ConfigureAwait(false);
        return 0;
    }

    private InterceptRequest BuildRequest()
    {
        var workload = parse.GetValue(definition.Workload)!;
        var (auto, headers) = HttpConditions.Parse(parse.GetValue(definition.HttpHeader) ?? []);
        var spec = new InterceptSpec
        {
            Workload = workload,
            Name = parse.GetValue(definition.InterceptName) ?? workload,
            TargetHost = parse.GetValue(definition.Address) ?? "127.0.0.1",
            TargetPort = parse.GetValue(definition.Port),
            PathPrefix = parse.GetValue(definition.HttpPathPrefix) ?? "",
            PathEqual = parse.GetValue(definition.HttpPathEqual) ?? "",
            PathRegex = parse.GetValue(definition.HttpPathRegex) ?? "",
        };
        spec.Headers.AddRange(headers);
        return new InterceptRequest { Spec = spec, AutoHeader = auto };
    }
}
