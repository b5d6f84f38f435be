using Telepath.Daemon.Volumes;

namespace Telepath.Daemon.Tests.Volumes;

public sealed class MountTableTests
{
    [Fact]
    public void Reads_mount_points_types_and_sources_with_the_kernels_escapes_undone()
    {
        const string text =
            "22 1 0:21 / /proc rw,nosuid - proc proc rw\n" +
            "45 27 0:40 / /run/user/1000/telepath/mounts/my\\040app/etc/config rw,nosuid,nodev,relatime shared:9 - fuse.sshfs telepath-0123456789ab:id:0 ro,user_id=1000,group_id=1000\n" +
            "garbage line\n";

        var entries = MountTable.Parse(text);

        Assert.Equal(2, entries.Count);
        Assert.Equal(new MountEntry("/proc", "proc", "proc"), entries[0]);
        Assert.Equal(new MountEntry("/run/user/1000/telepath/mounts/my app/etc/config", "fuse.sshfs", "telepath-0123456789ab:id:0"), entries[1]);
    }

    [Fact]
    public void The_live_table_lists_the_root()
    {
        Assert.Contains(MountTable.Read(), e => e.MountPoint == "/");
    }

    [Fact]
    public void The_stale_mount_tag_is_one_per_mounts_directory()
    {
        Assert.Equal(StaleMounts.TagFor("/run/user/1000/telepath/mounts"), StaleMounts.TagFor("/run/user/1000/telepath/mounts"));
        Assert.NotEqual(StaleMounts.TagFor("/run/user/1000/telepath/mounts"), StaleMounts.TagFor("/run/user/1001/telepath/mounts"));
        Assert.Matches("^telepath-[0-9a-f]{12}$", StaleMounts.TagFor("/x"));
    }
}
