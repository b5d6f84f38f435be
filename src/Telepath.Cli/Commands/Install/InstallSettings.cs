using Telepath.Kubernetes.Manifests;

namespace Telepath.Cli.Commands.Install;

/// <summary>The manager's install options from the flags, else the config file, else the defaults.</summary>
internal static class InstallSettings
{
    public const string ImageName = "telepath-server";

    public static ManagerInstallOptions Resolve(string? managerNamespace, string? registry, string? tag)
    {
        var config = ImageConfig.Load(ImageConfig.DefaultPath);
        var chosenRegistry = First(registry, config.Registry);
        return new ManagerInstallOptions(
            First(managerNamespace) ?? ManagerNames.DefaultNamespace,
            chosenRegistry is null ? ManagerInstallOptions.DefaultImage : $"{chosenRegistry.TrimEnd('/')}/{ImageName}",
            First(tag, config.Tag));
    }

    private static string? First(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
}
