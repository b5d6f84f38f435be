using System.CommandLine;
using Telepath.Kubernetes.Manifests;

namespace Telepath.Cli.Commands.Install;

/// <summary>The options of every command that talks to the cluster itself: which context and where.</summary>
internal static class ClusterOptions
{
    public static Option<string> Context() => new("--context")
    {
        Description = "The kubeconfig context to use (default: the current context).",
        HelpName = "CONTEXT",
    };

    public static Option<string> ManagerNamespace() => new("--manager-namespace")
    {
        Description = $"The namespace of the traffic manager (default: {ManagerNames.DefaultNamespace}).",
        HelpName = "NAMESPACE",
        DefaultValueFactory = _ => ManagerNames.DefaultNamespace,
    };

    public static Option<string> Registry() => new("--registry")
    {
        Description = "The registry of the telepath-server image (default: images.registry in ~/.config/telepath/config.yml, else ghcr.io/telepath).",
        HelpName = "REGISTRY",
    };

    public static Option<string> Tag() => new("--tag")
    {
        Description = "The image tag, and the version the manager reports (default: images.tag in the config, else this client's version).",
        HelpName = "TAG",
    };
}
