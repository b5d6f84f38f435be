using System.Text.Json;
using System.Text.Json.Serialization;
using Telepath.Core;

namespace Telepath.Hub.Client;

/// <summary>
/// The CLI's sign-in at a preview hub, in <c>~/.config/telepath/credentials.json</c>. The file is
/// created with mode 0600 (never widened afterwards): the token is a bearer secret.
/// </summary>
public sealed record HubCredentials(
    [property: JsonPropertyName("hub")] string Hub,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("user")] string User,
    [property: JsonPropertyName("organisation")] string Organisation)
{
    public static string DefaultPath
    {
        get
        {
            var xdg = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
            var home = Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            return Path.Combine(string.IsNullOrEmpty(xdg) ? Path.Combine(home, ".config") : xdg, "telepath", "credentials.json");
        }
    }

    /// <returns>Null when the file does not exist.</returns>
    /// <exception cref="UserErrorException">The file cannot be read or is not credentials.</exception>
    public static HubCredentials? Load(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            var credentials = JsonSerializer.Deserialize(File.ReadAllText(path), HubCredentialsJson.Default.HubCredentials);
            return credentials is { Hub.Length: > 0, Token.Length: > 0 }
                ? credentials
                : throw new UserErrorException($"{path} holds no hub credentials; run \"telepath logout\" and \"telepath login\" again");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new UserErrorException($"cannot read {path}: {e.Message}; run \"telepath logout\" and \"telepath login\" again");
        }
    }

    /// <summary>Writes the file whole, private to this user (<see cref="PrivateFile"/>).</summary>
    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        PrivateFile.Write(path, stream => JsonSerializer.Serialize(stream, this, HubCredentialsJson.Default.HubCredentials));
    }

    /// <returns>False when there was no file.</returns>
    public static bool Delete(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        File.Delete(path);
        return true;
    }
}

/// <summary>
/// The credentials file's JSON, generated at build time rather than by reflection: the native front end
/// (src/Telepath.Cli.Launcher) reads it for <c>status</c>, and Native AOT has no reflection serializer.
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(HubCredentials))]
internal sealed partial class HubCredentialsJson : JsonSerializerContext;
