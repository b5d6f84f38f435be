using Telepath.TrafficAgent.Volumes;

namespace Telepath.TrafficAgent.Tests.Volumes;

/// <summary>
/// The guard's decisions on packets built by hand, over a volume in a temp directory with a secret beside
/// it, ConfigMap-style links inside it, and a link an app might have written that leads out.
/// </summary>
public sealed class SftpGuardTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("telepath-guard-");
    private readonly SftpGuard _guard;

    public SftpGuardTests()
    {
        var volume = Directory.CreateDirectory(Volume).FullName;
        File.WriteAllText(Path.Combine(volume, "orders.csv"), "1,apples\n");
        File.WriteAllText(Secret, "token\n");
        // What the kubelet makes of a ConfigMap: relative links through a timestamped directory.
        Directory.CreateDirectory(Path.Combine(volume, "..2024_01_01"));
        File.WriteAllText(Path.Combine(volume, "..2024_01_01", "app.yaml"), "level: debug\n");
        File.CreateSymbolicLink(Path.Combine(volume, "..data"), "..2024_01_01");
        File.CreateSymbolicLink(Path.Combine(volume, "app.yaml"), "..data/app.yaml");
        File.CreateSymbolicLink(Path.Combine(volume, "leak"), Secret);
        File.CreateSymbolicLink(Path.Combine(volume, "up"), "..");
        File.CreateSymbolicLink(Path.Combine(volume, "loop"), "loop");
        _guard = new SftpGuard(new SftpGuardPaths(volume));
    }

    private string Volume => Path.Combine(_root.FullName, "volume");

    private string Secret => Path.Combine(_root.FullName, "secret");

    public void Dispose() => _root.Delete(recursive: true);

    [Theory]
    [InlineData("orders.csv")]
    [InlineData("./orders.csv")]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("app.yaml")]
    [InlineData("..data/app.yaml")]
    [InlineData("..2024_01_01/../orders.csv")]
    [InlineData("up/volume/orders.csv")]
    public void Paths_that_stay_inside_pass(string path)
    {
        Assert.Null(_guard.Judge(SftpPackets.PathRequest(SftpPackets.Stat, 1, path)));
        Assert.Null(_guard.Judge(SftpPackets.OpenFile(2, path, SftpPackets.ReadOnly)));
    }

    [Fact]
    public void The_volume_named_absolutely_passes() =>
        Assert.Null(_guard.Judge(SftpPackets.OpenFile(1, Path.Combine(Volume, "orders.csv"), SftpPackets.ReadOnly)));

    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("/var/run/secrets/telepath.io/agent/token")]
    [InlineData("../secret")]
    [InlineData("..")]
    [InlineData("leak")]
    [InlineData("up")]
    [InlineData("up/secret")]
    [InlineData("loop")]
    [InlineData("missing/../../secret")]
    [InlineData("orders.csv/../../secret")]
    public void Paths_that_lead_out_are_refused_with_the_request_id(string path)
    {
        Assert.Equal((7u, "outside the volume"), _guard.Judge(SftpPackets.OpenFile(7, path, SftpPackets.ReadOnly)));
        Assert.NotNull(_guard.Judge(SftpPackets.PathRequest(SftpPackets.Stat, 8, path)));
    }

    [Fact]
    public void A_link_leading_out_can_be_looked_at_read_and_removed_but_not_followed()
    {
        Assert.Null(_guard.Judge(SftpPackets.PathRequest(SftpPackets.Lstat, 1, "leak")));
        Assert.Null(_guard.Judge(SftpPackets.PathRequest(SftpPackets.Readlink, 2, "leak")));
        Assert.Null(_guard.Judge(SftpPackets.PathRequest(SftpPackets.Remove, 3, "leak")));
        Assert.NotNull(_guard.Judge(SftpPackets.PathRequest(SftpPackets.Lstat, 4, "leak/")));
        Assert.NotNull(_guard.Judge(SftpPackets.PathRequest(SftpPackets.Remove, 5, "up/secret")));
        Assert.NotNull(_guard.Judge(SftpPackets.PathRequest(SftpPackets.Lstat, 6, "../secret")));
    }

    [Fact]
    public void New_names_inside_pass_and_dot_dots_after_them_do_not()
    {
        Assert.Null(_guard.Judge(SftpPackets.OpenFile(1, "new.csv", SftpPackets.WriteCreateTruncate)));
        Assert.Null(_guard.Judge(SftpPackets.MakeDirectory(2, "new/sub")));
        Assert.NotNull(_guard.Judge(SftpPackets.MakeDirectory(3, "new/../../x")));
        Assert.NotNull(_guard.Judge(SftpPackets.OpenFile(4, "../new.csv", SftpPackets.WriteCreateTruncate)));
    }

    [Fact]
    public void Renames_need_both_names_inside()
    {
        Assert.Null(_guard.Judge(SftpPackets.PathRequest(SftpPackets.Rename, 1, "orders.csv", "old.csv")));
        Assert.NotNull(_guard.Judge(SftpPackets.PathRequest(SftpPackets.Rename, 2, "orders.csv", "../orders.csv")));
        Assert.NotNull(_guard.Judge(SftpPackets.PathRequest(SftpPackets.Rename, 3, "../secret", "secret")));
        Assert.Null(_guard.Judge(SftpPackets.ExtendedRequest(4, "posix-rename@openssh.com", "orders.csv", "old.csv")));
        Assert.NotNull(_guard.Judge(SftpPackets.ExtendedRequest(5, "posix-rename@openssh.com", "orders.csv", "/tmp/orders.csv")));
    }

    [Fact]
    public void Links_cannot_be_made_even_inside()
    {
        Assert.NotNull(_guard.Judge(SftpPackets.PathRequest(SftpPackets.Symlink, 1, "link", "orders.csv")));
        Assert.NotNull(_guard.Judge(SftpPackets.ExtendedRequest(2, "hardlink@openssh.com", "orders.csv", "link")));
    }

    [Fact]
    public void Only_the_listed_extensions_pass()
    {
        Assert.Null(_guard.Judge(SftpPackets.ExtendedRequest(1, "statvfs@openssh.com", ".")));
        Assert.NotNull(_guard.Judge(SftpPackets.ExtendedRequest(2, "statvfs@openssh.com", "/")));
        Assert.Null(_guard.Judge(SftpPackets.ExtendedRequest(3, "limits@openssh.com")));
        Assert.Null(_guard.Judge(SftpPackets.ExtendedRequest(4, "expand-path@openssh.com", "orders.csv")));
        Assert.NotNull(_guard.Judge(SftpPackets.ExtendedRequest(5, "expand-path@openssh.com", "~/orders.csv")));
        Assert.Equal((6u, "home-directory is not served on a volume"), _guard.Judge(SftpPackets.ExtendedRequest(6, "home-directory", "")));
        Assert.NotNull(_guard.Judge(SftpPackets.ExtendedRequest(7, "users-groups-by-id@openssh.com")));
    }

    [Fact]
    public void Init_and_handle_requests_pass_and_unknown_types_do_not()
    {
        Assert.Null(_guard.Judge(SftpPackets.InitV3()));
        Assert.Null(_guard.Judge(SftpPackets.ReadFile(1, [0, 0, 0, 0], 4096)));
        Assert.NotNull(_guard.Judge(SftpPackets.Raw(99, SftpPackets.Uint(2))));
    }

    [Fact]
    public void A_path_with_a_nul_byte_is_refused() =>
        Assert.Equal((1u, "a path with a NUL byte"), _guard.Judge(SftpPackets.OpenFile(1, "orders.csv\0/etc/passwd", SftpPackets.ReadOnly)));

    [Fact]
    public void A_path_longer_than_path_max_is_refused() =>
        Assert.Equal((1u, "a path longer than 4096 bytes"), _guard.Judge(SftpPackets.PathRequest(SftpPackets.Stat, 1, string.Concat(Enumerable.Repeat("./", 2049)))));

    [Fact]
    public void A_truncated_request_is_malformed()
    {
        Assert.Throws<SftpGuardException>(() => _guard.Judge(SftpPackets.Raw(SftpPackets.Stat, SftpPackets.Uint(1), SftpPackets.Uint(100), [(byte)'a'])));
        Assert.Throws<SftpGuardException>(() => _guard.Judge(SftpPackets.Raw(SftpPackets.Stat, [0, 0])));
    }

    [Fact]
    public async Task An_oversized_or_empty_length_is_malformed()
    {
        await Assert.ThrowsAsync<SftpGuardException>(() => SftpGuardPackets.ReadAsync(new MemoryStream(SftpPackets.Uint(SftpGuardPackets.MaxLength + 1)), CancellationToken.None));
        await Assert.ThrowsAsync<SftpGuardException>(() => SftpGuardPackets.ReadAsync(new MemoryStream(SftpPackets.Uint(0)), CancellationToken.None));
        await Assert.ThrowsAsync<SftpGuardException>(() => SftpGuardPackets.ReadAsync(new MemoryStream([.. SftpPackets.Uint(10), 1, 2]), CancellationToken.None));
        Assert.Null(await SftpGuardPackets.ReadAsync(new MemoryStream(), CancellationToken.None));
        Assert.Equal(SftpPackets.InitV3(), await SftpGuardPackets.ReadAsync(new MemoryStream(SftpPackets.InitV3()), CancellationToken.None));
    }
}
