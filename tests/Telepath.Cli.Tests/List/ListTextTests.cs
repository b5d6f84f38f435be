using Telepath.Cli.Commands.List;
using Telepath.Cli.Tests.Harness;
using Telepath.Protocol.Daemon;
using Telepath.Protocol.Manager;

namespace Telepath.Cli.Tests.List;

public sealed class ListTextTests
{
    [Fact]
    public void Names_are_padded_to_the_longest()
    {
        var list = new ListReply();
        list.Workloads.Add(new WorkloadEntry { Name = "a", State = "intercepted" });
        list.Workloads.Add(new WorkloadEntry { Name = "payments", State = "ready" });

        Assert.Equal(Lines.Of("a        : intercepted", "payments : ready"), ListText.Format(list).Replace(Environment.NewLine, "\n"));
    }

    [Fact]
    public void A_workload_names_each_of_its_intercepts_that_is_waiting_and_why()
    {
        var orders = new WorkloadEntry { Name = "orders", State = "intercepted" };
        orders.Intercepts.Add(new InterceptInfo { Spec = new InterceptSpec { Name = "orders-alice" }, State = InterceptState.Active });
        orders.Intercepts.Add(new InterceptInfo
        {
            Spec = new InterceptSpec { Name = "orders-bob" },
            State = InterceptState.Waiting,
            StateReason = "waiting for 1 of 2 traffic agents of orders to apply it (pod orders-1)",
        });
        var list = new ListReply { Workloads = { orders } };

        Assert.Equal(
            Lines.Of("orders : intercepted; orders-bob is WAITING: waiting for 1 of 2 traffic agents of orders to apply it (pod orders-1)"),
            ListText.Format(list).Replace(Environment.NewLine, "\n"));
    }

    [Fact]
    public void A_workload_names_its_mirrors_and_their_laptops()
    {
        var orders = new WorkloadEntry { Name = "orders", State = "intercepted" };
        orders.Intercepts.Add(new InterceptInfo { Spec = new InterceptSpec { Name = "mine" }, ClientName = "bob@laptop2", State = InterceptState.Active });
        orders.Intercepts.Add(new InterceptInfo { Spec = new InterceptSpec { Name = "copy", Mirror = true }, ClientName = "alice@laptop", State = InterceptState.Active });
        var list = new ListReply { Workloads = { orders } };

        Assert.Equal(Lines.Of("orders : intercepted; mirrored (copy by alice@laptop)"), ListText.Format(list).Replace(Environment.NewLine, "\n"));
    }
}
