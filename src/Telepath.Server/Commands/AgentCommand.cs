using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Telepath.Core;
using Telepath.Core.Net;
using Telepath.TrafficAgent;
using Telepath.TrafficAgent.Volumes;

namespace Telepath.Server.Commands;

internal static class AgentCommand
{
    public static Command Create()
    {
        var workload = new Option<string>("--workload") { Description = "The workload this agent fronts.", Required = true };
        var ns = new Option<string>("--namespace") { Description = "The workload's namespace.", DefaultValueFactory = _ => "default" };
        var kind = new Option<string>("--kind") { Description = "Deployment, ReplicaSet or StatefulSet.", DefaultValueFactory = _ => "Deployment" };
        var pod = new Option<string>("--pod") { Description = "This pod's name.", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("TELEPATH_POD_NAME") ?? Environment.MachineName };
        var listen = new Option<string>("--listen") { Description = "HOST:PORT or :PORT of the service port the agent takes over.", Required = true };
        var app = new Option<string>("--app") { Description = "HOST:PORT of the app container, where traffic goes when no intercept matches.", Required = true };
        var manager = new Option<string>("--manager") { Description = "HOST:PORT of the traffic manager.", Required = true };
        var tokenFile = new Option<string>("--token-file")
        {
            Description = "File holding the bearer token for the manager; read again as it changes (a pod's projected service-account token).",
            Required = true,
        };
        var volumes = new Option<string[]>("--volume")
        {
            Description = "MOUNTPATH=SOURCEDIR[:ro]: serves the app container's volume at MOUNTPATH, which the agent sees at SOURCEDIR, to intercepting laptops. Repeatable.",
        };
        var sftpServer = new Option<string>("--sftp-server") { Description = "OpenSSH's sftp-server, which serves the volumes.", DefaultValueFactory = _ => AgentOptions.DefaultSftpServer };
        var command = new Command("agent", "Runs the traffic agent in front of an app.\n\nExample:\n  telepath-server agent --workload orders --listen :8080 --app 127.0.0.1:8081 --manager telepath-manager.telepath:8081 --token-file /var/run/secrets/telepath.io/agent/token")
        {
            workload, ns, kind, pod, listen, app, manager, tokenFile, volumes, sftpServer,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var path = result.GetValue(tokenFile)!;
            var options = new AgentOptions(
                result.GetValue(workload)!,
                result.GetValue(ns)!,
                result.GetValue(kind)!,
                result.GetValue(pod)!,
                ListenAddress.Parse(result.GetValue(listen)!, "--listen"),
                ListenAddress.Parse(result.GetValue(app)!, "--app"),
                result.GetValue(manager)!,
                TokenFile.Read(path))
            {
                TokenFile = path,
                Volumes = ParseVolumes(result.GetValue(volumes) ?? []),
                SftpServer = result.GetValue(sftpServer)!,
            };
            await using var host = AgentHost.Build(options);
            await host.StartAsync(cancellationToken);
            Console.Out.WriteLine($"telepath-agent listening on {AgentHost.BoundEndPoint(host)}");
            Console.Out.Flush();
            await host.WaitForShutdownAsync(cancellationToken);
            return 0;
        });
        return command;
    }

    private static List<VolumeMount> ParseVolumes(string[] values)
    {
        var parsed = new List<VolumeMount>();
        foreach (var value in values)
        {
            var (volume, error) = VolumeMount.Parse(value);
            if (volume is null)
            {
                throw new UserErrorException(error!, exitCode: 2);
            }

            if (parsed.Any(v => v.MountPath == volume.MountPath))
            {
                throw new UserErrorException($"invalid --volume \"{value}\": {volume.MountPath} is named twice", exitCode: 2);
            }

            parsed.Add(volume);
        }

        return parsed;
    }
}
