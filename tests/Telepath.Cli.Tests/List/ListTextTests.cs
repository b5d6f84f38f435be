using Telepath.Cli.Commands.List;
using Telepath.Cli.Tests.Harness;
using Telepath.Protocol.Daemon;

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
}
