using Telepath.Core;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Telepath.Cli.Commands.Install;

/// <summary>
/// The <c>images</c> section of <c>~/.config/telepath/config.yml</c>:
/// <code>images: { registry: registry.example.com/telepath, tag: v0.1.0 }</code>
/// </summary>
internal sealed record ImageConfig(string? Registry, string? Tag)
{
    public static string DefaultPath
    {
        get
        {
            var xdg = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
            var home = Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            return Path.Combine(string.IsNullOrEmpty(xdg) ? Path.Combine(home, ".config") : xdg, "telepath", "config.yml");
        }
    }

    /// <summary>The file's settings; none when it does not exist.</summary>
    /// <exception cref="UserErrorException">The file is not YAML of this shape.</exception>
    public static ImageConfig Load(string path)
    {
        if (!File.Exists(path))
        {
            return new ImageConfig(null, null);
        }

        try
        {
            var file = new DeserializerBuilder()
                .WithNamingConvention(CamelCaseNamingConvention.Instance)
                .IgnoreUnmatchedProperties()
                .Build()
                .Deserialize<ConfigFile?>(File.ReadAllText(path));
            return new ImageConfig(file?.Images?.Registry, file?.Images?.Tag);
        }
        catch (YamlException e)
        {
            throw new UserErrorException($"cannot read {path}: {e.Message}");
        }
    }

    private sealed class ConfigFile
    {
        public ImagesSection? Images { get; set; }
    }

    private sealed class ImagesSection
    {
        public string? Registry { get; set; }

        public string? Tag { get; set; }
    }
}
