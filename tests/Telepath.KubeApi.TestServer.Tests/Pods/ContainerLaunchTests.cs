using System.Net;
using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Pods;

namespace Telepath.KubeApi.TestServer.Tests.Pods;

public class ContainerLaunchTests
{
    [Theory]
    [InlineData("/var/run/secrets/telepath.io/agent/token", "/node/agent/token")]
    [InlineData("/var/run/secrets/telepath.io/agent", "/node/agent")]
    [InlineData("/var/run/secrets/telepath.io/agent-other/token", "/node/secrets/telepath.io/agent-other/token")]
    [InlineData("/etc/hosts", null)]
    public void A_path_in_the_container_is_found_on_the_innermost_mount_that_holds_it(string containerPath, string? expected)
    {
        var launch = new ContainerLaunch("default", "orders-1", IPAddress.Loopback, "agent", "telepath-server:1", [], [],
            new Dictionary<string, string>(), [], new JsonObject())
        {
            Mounts = new Dictionary<string, string> { ["/var/run/secrets/telepath.io/agent/"] = "/node/agent", ["/var/run/secrets"] = "/node/secrets" },
        };

        Assert.Equal(expected, launch.LocalPath(containerPath));
    }
}
