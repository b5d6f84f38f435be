using Telepath.Core;
using Telepath.Hub.Client;

namespace Telepath.Hub.Client.Tests;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class HubCredentialsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tp-credentials-").FullName;

    [Fact]
    public void Saved_credentials_are_private_to_the_user_and_read_back_equal()
    {
        var path = Path.Combine(_directory, "telepath", "credentials.json");
        var credentials = new HubCredentials("https://hub.example.com/", "tph_secret", "device", "alice@example.com", "Acme");

        credentials.Save(path);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(credentials, HubCredentials.Load(path));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void A_missing_file_is_no_login_and_a_broken_one_says_how_to_recover()
    {
        var path = Path.Combine(_directory, "credentials.json");
        Assert.Null(HubCredentials.Load(path));

        File.WriteAllText(path, "{ not json");

        var error = Assert.Throws<UserErrorException>(() => HubCredentials.Load(path));
        Assert.StartsWith($"cannot read {path}: ", error.Message);
        Assert.EndsWith("run \"telepath logout\" and \"telepath login\" again", error.Message);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
