using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Telepath.Core;
using Telepath.Core.Net;
using Telepath.TrafficManager;
using Telepath.TrafficManager.Auth;
using Telepath.TrafficManager.Cluster;
using Telepath.TrafficManager.Outbound;

namespace Telepath.Server.Commands;

internal static class ManagerCommand
{
    public static Command Create()
    {
        var listen = new Option<string>("--listen") { Description = "HOST:PORT for the gRPC API (port 0 picks a free one).", DefaultValueFactory = _ => "0.0.0.0:8081" };
        var tokenFile = new Option<string?>("--token-file")
        {
            Description = "Direct mode, for local use: a file holding the bearer token every caller must present. Without it the manager trusts Kubernetes identity (agents' projected tokens, laptops' port-forwards and claims) and needs the cluster (its service account, or KUBECONFIG).",
        };
        var allowOutbound = new Option<string[]>("--allow-outbound")
        {
            Description = $"A range (CIDR) or address laptops may reach although it is loopback, link-local or the manager's own; repeatable (default: {OutboundAllowList.Variable}, comma-separated).",
            HelpName = "CIDR",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable(OutboundAllowList.Variable) is { } list ? [list] : [],
        };
        var laptopSources = new Option<string[]>("--laptop-sources")
        {
            Description = $"Without --token-file: where a caller without a token must come from to be a laptop, a CIDR or address, repeatable (default: {LaptopSources.Variable}, comma-separated; else the pod's loopback, where port-forwards arrive).",
            HelpName = "CIDR",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable(LaptopSources.Variable) is { } list ? [list] : [],
        };
        var command = new Command("manager", "Runs the traffic manager.\n\nExamples:\n  telepath-server manager                      (in a pod: trusts Kubernetes identity)\n  telepath-server manager --listen 127.0.0.1:8081 --token-file /run/secrets/telepath-token   (direct mode)")
        {
            listen,
            tokenFile,
            allowOutbound,
            laptopSources,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var options = new ManagerOptions(ListenAddress.Parse(result.GetValue(listen)!, "--listen"), result.GetValue(tokenFile) is { } file ? TokenFile.Read(file) : null)
            {
                // In a pod its service account; in the simulated cluster the kubeconfig KUBECONFIG names.
                Cluster = ClusterAccess.FromEnvironment(),
                OutboundAllowList = OutboundAllowList.Parse(
                    result.GetValue(allowOutbound)!,
                    result.GetResult(allowOutbound) is { Implicit: false } ? "--allow-outbound" : OutboundAllowList.Variable),
            };
            var sources = OutboundAllowList.Parse(
                result.GetValue(laptopSources)!,
                result.GetResult(laptopSources) is { Implicit: false } ? "--laptop-sources" : LaptopSources.Variable);
            if (sources.Count > 0)
            {
                options = options with { ClientSources = sources };
            }

            await using var app = ManagerHost.Build(options);
            await app.StartAsync(cancellationToken);
            Console.Out.WriteLine($"telepath-manager listening on {ManagerHost.BoundEndPoint(app)}");
            Console.Out.Flush();
            await app.WaitForShutdownAsync(cancellationToken);
            return 0;
        });
        return command;
    }
}
