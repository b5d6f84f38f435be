namespace Telepath.Kubernetes.Install;

/// <summary>What <see cref="ManagerInstaller.EnsureInstalledAsync"/> found and did.</summary>
/// <param name="Created">The names ("Deployment telepath-manager") of the objects it created.</param>
/// <param name="InstalledVersion">The manager's version label as found, null when it was not installed.</param>
/// <param name="WantedVersion">The version these options install.</param>
public sealed record ManagerInstallResult(IReadOnlyList<string> Created, string? InstalledVersion, string WantedVersion)
{
    /// <summary>A manager of another version was already there; <c>telepath install --upgrade</c> replaces it.</summary>
    public bool VersionMismatch => InstalledVersion is not null && InstalledVersion != WantedVersion;

    public bool WasInstalled => InstalledVersion is not null;
}
