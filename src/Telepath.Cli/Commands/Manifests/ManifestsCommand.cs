using Telepath.Kubernetes.Manifests;

namespace Telepath.Cli.Commands.Manifests;

internal static class ManifestsCommand
{
    public static async Task<int> RunAsync(ManagerInstallOptions options)
    {
        await Console.Out.WriteAsync(ManifestsYaml.Render(ManagerManifests.Build(options))).ConfigureAwait(false);
        return 0;
    }
}
