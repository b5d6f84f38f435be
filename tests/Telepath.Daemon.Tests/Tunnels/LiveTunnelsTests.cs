using Telepath.Daemon.Tunnels;

namespace Telepath.Daemon.Tests.Tunnels;

public sealed class LiveTunnelsTests
{
    [Fact]
    public async Task Drain_waits_for_tunnels_that_finish_within_the_grace_period()
    {
        var tunnels = new LiveTunnels();
        var finish = new TaskCompletionSource();
        tunnels.Start("i1", _ => finish.Task, CancellationToken.None);

        var drain = tunnels.DrainAsync("i1", TimeSpan.FromSeconds(10));
        Assert.False(drain.IsCompleted);
        finish.SetResult();

        Assert.Equal(0, await drain);
        Assert.Equal(0, tunnels.Count("i1"));
    }

    [Fact]
    public async Task Drain_cuts_the_tunnels_still_open_after_the_grace_period()
    {
        var tunnels = new LiveTunnels();
        tunnels.Start("i1", token => Task.Delay(Timeout.Infinite, token), CancellationToken.None);
        tunnels.Start("i2", token => Task.Delay(Timeout.Infinite, token), CancellationToken.None);

        // Outcome, not duration: the tunnel that would never end is cut; how long the grace took is the clock's business.
        var cut = await tunnels.DrainAsync("i1", TimeSpan.FromMilliseconds(200));

        Assert.Equal(1, cut);
        Assert.Equal(0, tunnels.Count("i1"));
        Assert.Equal(1, tunnels.Count("i2"));
    }

    [Fact]
    public async Task Drain_of_an_intercept_without_tunnels_returns_at_once()
    {
        var tunnels = new LiveTunnels();

        Assert.Equal(0, await tunnels.DrainAsync("none", TimeSpan.FromSeconds(10)).WaitAsync(TimeSpan.FromSeconds(1)));
    }
}
