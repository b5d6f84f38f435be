using Telepath.Daemon.Workloads;
using Telepath.Protocol.Manager;

namespace Telepath.Daemon.Tests.Workloads;

public sealed class WorkloadListTests
{
    [Fact]
    public void One_entry_per_workload_of_the_namespace_marked_when_intercepted()
    {
        var agents = new AgentSnapshot();
        agents.Agents.Add(Agent("orders", "default", "orders-1"));
        agents.Agents.Add(Agent("orders", "default", "orders-2"));
        agents.Agents.Add(Agent("payments", "default", "payments-1"));
        agents.Agents.Add(Agent("orders", "other", "orders-3"));
        var intercepts = new InterceptSnapshot();
        intercepts.Intercepts.Add(new InterceptInfo { Id = "i", Spec = new InterceptSpec { Name = "o", Workload = "orders", Namespace = "default" } });

        var list = WorkloadList.Build(agents, intercepts, "default");

        Assert.Collection(
            list.Workloads,
            orders =>
            {
                Assert.Equal("orders", orders.Name);
                Assert.Equal("intercepted", orders.State);
                Assert.Single(orders.Intercepts);
            },
            payments =>
            {
                Assert.Equal("payments", payments.Name);
                Assert.Equal("ready to intercept (traffic-agent already installed)", payments.State);
                Assert.Equal("StatefulSet", payments.Kind);
            });
    }

    private static AgentInfo Agent(string workload, string ns, string pod) =>
        new() { Workload = workload, Namespace = ns, PodName = pod, WorkloadKind = workload == "payments" ? "StatefulSet" : "Deployment" };
}
