using Telepath.Core;

namespace Telepath.Kubernetes.Manifests;

/// <summary>What <c>telepath install</c> and <c>telepath manifests</c> put in the cluster.</summary>
/// <param name="Image">The server image without its tag; the registry is part of it.</param>
/// <param name="Tag">The image tag, and the version the manager's labels report.</param>
public sealed record ManagerInstallOptions(
    string Namespace = ManagerNames.DefaultNamespace,
    string Image = ManagerInstallOptions.DefaultImage,
    string? Tag = null)
{
    public const string DefaultImage = "ghcr.io/telepath/telepath-server";

    public string EffectiveTag => Tag is { Length: > 0 } tag ? tag : TelepathVersion.Current;

    public string ImageReference => $"{Image}:{EffectiveTag}";
}
