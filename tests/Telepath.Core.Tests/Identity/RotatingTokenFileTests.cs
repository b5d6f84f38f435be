using Microsoft.Extensions.Time.Testing;
using Telepath.Core.Identity;

namespace Telepath.Core.Tests.Identity;

public sealed class RotatingTokenFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("telepath-token-").FullName;
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void A_replaced_token_is_sent_once_the_one_in_hand_is_30_seconds_old()
    {
        var path = Write("token", "first\n");
        var file = new RotatingTokenFile(path, _time);
        Write("token", "second");

        var fresh = file.Read();
        _time.Advance(RotatingTokenFile.RereadAfter - TimeSpan.FromSeconds(1));
        var almost = file.Read();
        _time.Advance(TimeSpan.FromSeconds(1));
        var due = file.Read();

        Assert.Equal(["first", "first", "second"], [fresh, almost, due]);
    }

    [Fact]
    public void A_file_that_cannot_be_read_keeps_the_last_good_token_until_it_can()
    {
        var path = Write("token", "first");
        var file = new RotatingTokenFile(path, _time);

        File.Delete(path);
        _time.Advance(RotatingTokenFile.RereadAfter);
        var missing = file.Read();
        Write("token", "  ");
        _time.Advance(RotatingTokenFile.RereadAfter);
        var empty = file.Read();
        Write("token", "third");
        _time.Advance(RotatingTokenFile.RereadAfter);
        var back = file.Read();

        Assert.Equal(["first", "first", "third"], [missing, empty, back]);
    }

    // The kubelet writes each token into a new folder and points the "..data" symlink at it (by a
    // rename, which a test cannot do to a link to a folder from .NET; relinking is the same to a
    // reader that comes afterwards); "token" is a symlink through "..data".
    [Fact]
    public void A_token_swapped_in_by_symlink_as_the_kubelet_does_is_followed()
    {
        var mount = Path.Combine(_folder, "mount");
        Write("mount/..2026_12_07_14_00_00.1/token", "first");
        File.CreateSymbolicLink(Path.Combine(mount, "..data"), "..2026_12_07_14_00_00.1");
        File.CreateSymbolicLink(Path.Combine(mount, "token"), Path.Combine("..data", "token"));
        var file = new RotatingTokenFile(Path.Combine(mount, "token"), _time);

        Write("mount/..2026_12_07_14_08_00.2/token", "second");
        File.Delete(Path.Combine(mount, "..data"));
        File.CreateSymbolicLink(Path.Combine(mount, "..data"), "..2026_12_07_14_08_00.2");
        _time.Advance(RotatingTokenFile.RereadAfter);

        Assert.Equal("second", file.Read());
    }

    [Fact]
    public void A_token_file_that_is_not_there_at_start_is_a_user_error()
    {
        var path = Path.Combine(_folder, "absent");

        var error = Assert.Throws<UserErrorException>(() => new RotatingTokenFile(path, _time));

        Assert.StartsWith($"cannot read the token file {path}", error.Message);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string relativePath, string text)
    {
        var path = Path.Combine(_folder, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }
}
