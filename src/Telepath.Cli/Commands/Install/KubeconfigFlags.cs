using Telepath.Kubernetes.Access;

namespace Telepath.Cli.Commands.Install;

/// <summary>
/// The kubeconfig files as kubectl finds them (KUBECONFIG, else ~/.kube/config), made absolute:
/// the daemon, which gets them too, runs in another directory.
/// </summary>
internal static class KubeconfigFlags
{
    public static KubeAccessOptions Options(string? context, string? @namespace)
    {
        var environment = KubeAccessOptions.FromEnvironment(context, @namespace);
        return environment with { KubeconfigPaths = environment.KubeconfigPaths.Select(Path.GetFullPath).ToList() };
    }
}
