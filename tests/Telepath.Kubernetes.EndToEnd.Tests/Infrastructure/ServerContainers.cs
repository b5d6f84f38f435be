using System.Diagnostics;
using System.Text;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Pods;
using Telepath.KubeApi.TestServer.Storage;

namespace Telepath.Kubernetes.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Runs the telepath-server image's containers (manager and agent) as <c>dotnet telepath-server.dll</c>,
/// doing what a real node does and the test server does not: the token Secret's volume becomes a
/// file, the manager's Service name resolves (to <see cref="ManagerServiceProxy"/>), and the app's
/// 127.0.0.1 is the pod's own address.
/// </summary>
public sealed class ServerContainers(string directory, Func<ObjectStore> store, Func<string> managerAddress)
{
    private const string TokenFile = "/var/run/secrets/telepath/token";

    public ProcessStartInfo Start(ContainerLaunch launch)
    {
        var args = launch.Args.ToList();
        var secret = args.FirstOrDefault() == "agent" ? "telepath-agent-token" : "telepath-manager-token";
        for (var i = 0; i < args.Count - 1; i++)
        {
            switch (args[i])
            {
                case "--token-file" when args[i + 1] == TokenFile:
                    args[i + 1] = WriteToken(launch, secret);
                    break;
                case "--manager":
                    args[i + 1] = managerAddress();
                    break;
                case "--app" when args[i + 1].StartsWith("127.0.0.1:", StringComparison.Ordinal):
                    args[i + 1] = $"{launch.PodIp}:{args[i + 1]["127.0.0.1:".Length..]}";
                    break;
            }
        }

        return ProcessContainer.Dotnet(Executables.ServerDll, launch with { Args = args });
    }

    private string WriteToken(ContainerLaunch launch, string secretName)
    {
        var encoded = store().Get(ResourceCatalog.Secrets, launch.Namespace, secretName)["data"]!["token"]!.GetValue<string>();
        var path = Path.Combine(directory, $"{launch.PodName}-{launch.ContainerName}.token");
        File.WriteAllText(path, Encoding.UTF8.GetString(Convert.FromBase64String(encoded)));
        return path;
    }
}
