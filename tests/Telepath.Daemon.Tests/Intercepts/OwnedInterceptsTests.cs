using Telepath.Daemon.Intercepts;
using Telepath.Protocol.Manager;

namespace Telepath.Daemon.Tests.Intercepts;

public sealed class OwnedInterceptsTests
{
    [Fact]
    public void After_a_new_arrival_every_intercept_is_pending_until_created_again()
    {
        var owned = new OwnedIntercepts();
        owned.Add("id-1", new InterceptSpec { Name = "a" });
        owned.Add("id-2", new InterceptSpec { Name = "b" });

        owned.MarkAllPending();
        owned.MarkCreated(owned.Pending[0]);

        var pending = Assert.Single(owned.Pending);
        Assert.Equal("id-2", pending.Id);
        Assert.Equal(2, owned.All.Count);
    }
}
