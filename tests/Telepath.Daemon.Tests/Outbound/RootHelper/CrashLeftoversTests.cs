using Telepath.Daemon.Outbound;
using Telepath.Daemon.Outbound.RootHelper;

namespace Telepath.Daemon.Tests.Outbound.RootHelper;

/// <summary>Whether quit finds something a crashed session left, without starting a helper; the removal itself is NetworkHelperTests' and OutboundCleanupTests'.</summary>
public sealed class CrashLeftoversTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("telepath-leftovers-");

    // No nft at this path: as on a machine without nftables, there is no table to find.
    private static readonly NftablesTable NoTable = new(new SystemTool("/nonexistent/nft"));

    [Fact]
    public async Task A_block_an_earlier_version_left_in_resolv_conf_is_a_leftover()
    {
        var path = Path.Combine(_directory.FullName, "resolv.conf");
        await File.WriteAllTextAsync(path, "# >>> telepath (managed; removed by \"telepath quit\") >>>\nnameserver 127.0.0.153\n# <<< telepath <<<\nnameserver 192.0.2.53\n");

        Assert.True(await CrashLeftovers.ExistAsync(new ResolvConf(path), NoTable, CancellationToken.None));
    }

    [Theory]
    [InlineData("nameserver 192.0.2.53\n")]
    [InlineData("# >>> telepath\nnameserver 192.0.2.53\n")]
    public async Task A_resolv_conf_without_the_block_and_no_table_are_no_leftovers(string text)
    {
        var path = Path.Combine(_directory.FullName, "resolv.conf");
        await File.WriteAllTextAsync(path, text);

        Assert.False(await CrashLeftovers.ExistAsync(new ResolvConf(path), NoTable, CancellationToken.None));
    }

    /// <summary>Only "no such table" (or no right to list) says there is none; another failure of nft may hide one.</summary>
    [Theory]
    [InlineData("Error: No such file or directory", false)]
    [InlineData("Error: Could not process rule: Operation not permitted", false)]
    [InlineData("netlink: Error: Could not process rule: Device or resource busy", true)]
    public async Task Whether_a_failed_listing_of_the_table_may_hide_one(string error, bool mayExist)
    {
        var nft = Path.Combine(_directory.FullName, "nft");
        await File.WriteAllTextAsync(nft, $"#!/bin/sh\necho '{error}' >&2\nexit 1\n");
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(nft, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }

        Assert.Equal(mayExist, await new NftablesTable(new SystemTool(nft)).ExistsAsync(CancellationToken.None));
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
