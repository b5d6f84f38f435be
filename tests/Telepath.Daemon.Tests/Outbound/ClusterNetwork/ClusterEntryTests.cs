using System.Net;
using Telepath.Daemon.Outbound.ClusterNetwork;

namespace Telepath.Daemon.Tests.Outbound.ClusterNetwork;

public sealed class ClusterEntryTests
{
    [Theory]
    [InlineData("https://192.168.7.2:6443", "telepath-manager.telepath:8081", "192.168.7.2")]
    [InlineData("https://[fd00::2]:6443", "telepath-manager.telepath:8081", "fd00::2")]
    [InlineData(null, "10.0.0.5:8081", "10.0.0.5")]
    [InlineData(null, "[fd00::5]:8081", "fd00::5")]
    public async Task The_entry_is_the_API_server_through_Kubernetes_and_the_manager_directly(string? apiServer, string manager, string expected)
    {
        var addresses = await ClusterEntry.AddressesAsync(apiServer, manager, CancellationToken.None);

        Assert.Equal([IPAddress.Parse(expected)], addresses);
    }

    [Fact]
    public async Task A_name_is_resolved_here_and_one_that_does_not_resolve_is_no_entry()
    {
        Assert.Contains(IPAddress.Loopback, await ClusterEntry.AddressesAsync("https://localhost:6443", "", CancellationToken.None));
        Assert.Empty(await ClusterEntry.AddressesAsync("https://no-such-host.invalid:6443", "", CancellationToken.None));
    }
}
