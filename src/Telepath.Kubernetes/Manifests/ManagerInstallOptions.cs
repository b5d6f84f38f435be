using Telepath.Core;

namespace Telepath.Kubernetes.Manifests;

/// <summary>What <c>telepath install</c> and <c>telepath manifests</c> put in the cluster.</summary>
/// <param name="Image">The server image without its tag; the registry is part of it.</param>
/// <param name="Tag">The image tag, and the version the manager's labels report.</param>
/// <param name="Token">The bearer token the manager and its agents share; null makes a new one.</param>
public sealed record ManagerInstallOptions(
    string Namespace = ManagerNames.DefaultNamespace,
    string Image = ManagerInstallOptions.DefaultImage,
    string? Tag = null,
    string? Token = null)
{
    public const string DefaultImage = "ghcr.io/telepath/telepath-server";

    public string EffectiveTag => Tag is { Length: > 0 } tag ? tag : TelepathVersion.Current;

    public string ImageReference => $"{Image}:{EffectiveTag}";

    /// <summary>The same options with a token: the one given, else a new random one.</summary>
    public ManagerInstallOptions WithToken() => Token is { Length: > 0 } ? this : this with { Token = ManagerToken.Generate() };
}
