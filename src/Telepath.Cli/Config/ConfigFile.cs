using Telepath.Core;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Telepath.Cli.Config;

/// <summary>
/// <c>~/.config/telepath/config.yml</c>, every section the CLI reads:
/// <code>
/// images: { registry: registry.example.com/telepath, tag: v0.1.0 }
/// hub: { url: https://hub.example.com }
/// proxy: { mode: on, alsoProxy: [10.50.0.0/16], neverProxy: [10.96.5.0/24] }
/// </code>
/// </summary>
internal sealed class ConfigFile
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

    public ImagesSection? Images { get; set; }

    public HubSection? Hub { get; set; }

    public ProxySection? Proxy { get; set; }

    /// <summary>The file's settings; none when it does not exist.</summary>
    /// <exception cref="UserErrorException">The file is not YAML of this shape.</exception>
    public static ConfigFile Load(string path)
    {
        if (!File.Exists(path))
        {
            return new ConfigFile();
        }

        try
        {
            return new DeserializerBuilder()
                .WithNamingConvention(CamelCaseNamingConvention.Instance)
                .IgnoreUnmatchedProperties()
                .Build()
                .Deserialize<ConfigFile?>(File.ReadAllText(path)) ?? new ConfigFile();
        }
        catch (YamlException e)
        {
            throw new UserErrorException($"cannot read {path}: {e.Message}");
        }
    }

    internal sealed class ImagesSection
    {
        public string? Registry { get; set; }

        public string? Tag { get; set; }
    }

    internal sealed class HubSection
    {
        public string? Url { get; set; }
    }

    internal sealed class ProxySection
    {
        /// <summary>on, off or socks: what connect does without --proxy.</summary>
        public string? Mode { get; set; }

        public List<string>? AlsoProxy { get; set; }

        public List<string>? NeverProxy { get; set; }
    }
}
