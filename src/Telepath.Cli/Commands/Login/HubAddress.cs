using Telepath.Cli.Config;
using Telepath.Core;
using Telepath.Hub.Client;

namespace Telepath.Cli.Commands.Login;

/// <summary>Which hub a command means: --hub, else the one signed in to, else <c>hub.url</c> of the config file.</summary>
internal static class HubAddress
{
    public static Uri Resolve(string? flag, HubCredentials? credentials)
    {
        if (flag is { Length: > 0 })
        {
            return HubClient.ParseHubUrl(flag);
        }

        if (credentials is not null)
        {
            return HubClient.ParseHubUrl(credentials.Hub);
        }

        return ConfigFile.Load(ConfigFile.DefaultPath).Hub?.Url is { Length: > 0 } configured
            ? HubClient.ParseHubUrl(configured)
            : throw new UserErrorException($"no hub is set: pass --hub URL, or set hub.url in {DisplayPath(ConfigFile.DefaultPath)}");
    }

    private static string DisplayPath(string path)
    {
        var home = Environment.GetEnvironmentVariable("HOME");
        return home is { Length: > 0 } && path.StartsWith(home + "/", StringComparison.Ordinal) ? "~" + path[home.Length..] : path;
    }
}
