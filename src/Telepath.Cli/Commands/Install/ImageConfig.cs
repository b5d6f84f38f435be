using Telepath.Cli.Config;

namespace Telepath.Cli.Commands.Install;

/// <summary>The <c>images</c> section of the config file: where the server image comes from.</summary>
internal sealed record ImageConfig(string? Registry, string? Tag)
{
    public static string DefaultPath => ConfigFile.DefaultPath;

    public static ImageConfig Load(string path)
    {
        var file = ConfigFile.Load(path);
        return new ImageConfig(file.Images?.Registry, file.Images?.Tag);
    }
}
