using Telepath.Core.Sessions;

namespace Telepath.Core.Tests.Sessions;

public sealed class BackoffTests
{
    [Fact]
    public void Delays_start_at_200_ms_and_double_up_to_2_s()
    {
        var backoff = new Backoff();

        var delays = Enumerable.Range(0, 7).Select(_ => backoff.Next().TotalMilliseconds);

        Assert.Equal([200, 400, 800, 1600, 2000, 2000, 2000], delays);
    }

    [Fact]
    public void A_reset_starts_again_at_200_ms()
    {
        var backoff = new Backoff();
        backoff.Next();
        backoff.Next();

        backoff.Reset();

        Assert.Equal(TimeSpan.FromMilliseconds(200), backoff.Next());
    }
}
