using Telepath.Daemon.Volumes;
using Telepath.Tunnels.Volumes;

namespace Telepath.Daemon.Tests.Volumes;

public sealed class OutermostVolumesTests
{
    [Fact]
    public void A_volume_inside_another_comes_through_its_parents_mount()
    {
        VolumeEntry[] volumes =
        [
            new("/etc/app/extra", true),
            new("/etc/app", false),
            new("/etc/application", true),
            new("/var/run/secrets/kubernetes.io/serviceaccount", true),
        ];

        var outermost = InterceptVolumes.Outermost(volumes).Select(v => v.Path);

        Assert.Equal(["/etc/app", "/etc/application", "/var/run/secrets/kubernetes.io/serviceaccount"], outermost.Order(StringComparer.Ordinal));
    }
}
