using System.Net;
using Telepath.Daemon.Outbound;

namespace Telepath.Daemon.Tests.Outbound;

public sealed class ResolvConfFileTests : IDisposable
{
    private const string Original = "nameserver 192.0.2.1\nsearch corp.example\noptions edns0";

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("telepath-resolv-");

    [Fact]
    public async Task A_symlinked_resolv_conf_stays_a_symlink_and_its_target_is_restored_byte_for_byte()
    {
        var target = Path.Combine(_directory.FullName, "stub-resolv.conf");
        var link = Path.Combine(_directory.FullName, "resolv.conf");
        await File.WriteAllTextAsync(target, Original);
        File.CreateSymbolicLink(link, target);
        var file = new ResolvConf(link);

        await file.ApplyAsync(IPAddress.Parse("127.0.0.153"), ["svc.cluster.local"], CancellationToken.None);
        var wrapped = await File.ReadAllTextAsync(target);
        await file.RemoveAsync(CancellationToken.None);

        Assert.StartsWith(ResolvConf.BlockBegin + "\nnameserver 127.0.0.153\nsearch svc.cluster.local corp.example\n", wrapped, StringComparison.Ordinal);
        Assert.Equal(target, new FileInfo(link).LinkTarget);
        Assert.Equal(Original, await File.ReadAllTextAsync(target));
    }

    [Fact]
    public async Task Bytes_that_are_not_UTF8_survive_apply_and_remove()
    {
        var path = Path.Combine(_directory.FullName, "resolv.conf");
        byte[] original = [.. "# caf"u8, 0xE9, .. "\nnameserver 192.0.2.1\n"u8];
        await File.WriteAllBytesAsync(path, original);
        var file = new ResolvConf(path);

        await file.ApplyAsync(IPAddress.Parse("127.0.0.153"), [], CancellationToken.None);
        await file.RemoveAsync(CancellationToken.None);

        Assert.Equal(original, await File.ReadAllBytesAsync(path));
    }

    [Theory]
    [InlineData("nameserver 127.0.0.53\noptions edns0 trust-ad\nsearch .\n", true)]
    [InlineData("nameserver 127.0.0.53\nnameserver 192.0.2.1\n", false)]
    [InlineData("nameserver 192.0.2.1\n", false)]
    [InlineData("# nameserver 127.0.0.53\n", false)]
    public async Task Systemd_resolved_is_the_resolver_when_its_stub_is_the_only_nameserver(string text, bool resolved)
    {
        var path = Path.Combine(_directory.FullName, "resolv.conf");
        await File.WriteAllTextAsync(path, text);

        Assert.Equal(resolved, new ResolvConf(path).PointsAtResolved());
    }

    [Fact]
    public async Task A_block_an_earlier_version_left_in_the_file_is_found_and_removed()
    {
        var path = Path.Combine(_directory.FullName, "resolv.conf");
        const string original = "nameserver 192.0.2.53\nsearch corp.example\n";
        await File.WriteAllTextAsync(path, "# >>> telepath (managed; removed by \"telepath quit\") >>>\nnameserver 127.0.0.153\nsearch svc.cluster.local corp.example\n# <<< telepath <<<\nnameserver 192.0.2.53\n#telepath# search corp.example\n");
        var file = new ResolvConf(path);

        var found = await file.HasBlockAsync(CancellationToken.None);
        await file.RemoveAsync(CancellationToken.None);

        Assert.True(found);
        Assert.Equal(original, await File.ReadAllTextAsync(path));
        Assert.False(await file.HasBlockAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_file_that_is_not_there_has_no_block()
    {
        Assert.False(await new ResolvConf(Path.Combine(_directory.FullName, "missing")).HasBlockAsync(CancellationToken.None));
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
