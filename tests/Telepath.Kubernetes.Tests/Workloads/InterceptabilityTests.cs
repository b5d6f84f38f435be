using k8s.Models;
using Telepath.Kubernetes.Injection;
using Telepath.Kubernetes.Tests.Infrastructure;
using Telepath.Kubernetes.Workloads;

namespace Telepath.Kubernetes.Tests.Workloads;

public class InterceptabilityTests
{
    [Fact]
    public void A_selected_workload_is_ready_to_intercept()
    {
        var entry = Interceptability.Judge(Objects.Deployment(), [Objects.Service("orders", "orders")]);

        Assert.True(entry.Interceptable);
        Assert.Equal("ready to intercept (traffic-agent not yet installed)", entry.Reason);
        Assert.Equal(["orders"], entry.Services);
    }

    [Fact]
    public void A_workload_no_service_selects_says_so()
    {
        var entry = Interceptability.Judge(Objects.Deployment("legacy"), []);

        Assert.False(entry.Interceptable);
        Assert.Equal("not interceptable (no service selects it)", entry.Reason);
    }

    [Fact]
    public void A_workload_with_the_agent_says_it_is_installed()
    {
        var service = Objects.Service("orders", "orders");
        var injected = AgentInjector.Plan(Objects.Deployment(), service, service.Spec.Ports[0], new AgentSettings("img:1")).Planned;

        var entry = Interceptability.Judge(injected, [service]);

        Assert.True(entry.AgentInstalled);
        Assert.Equal("ready to intercept (traffic-agent already installed)", entry.Reason);
    }

    [Fact]
    public void A_host_network_workload_cannot_be_intercepted()
    {
        var workload = Objects.Deployment();
        workload.Template.Spec.HostNetwork = true;

        Assert.Contains("hostNetwork", Interceptability.Judge(workload, [Objects.Service("orders", "orders")]).Reason);
    }

    [Fact]
    public void A_replica_set_a_deployment_controls_is_not_a_workload_of_its_own()
    {
        var owned = new Workload(WorkloadKind.ReplicaSet, new V1ReplicaSet
        {
            Metadata = new V1ObjectMeta
            {
                Name = "orders-5d8f",
                OwnerReferences = [new V1OwnerReference { Kind = "Deployment", Name = "orders", Controller = true, ApiVersion = "apps/v1", Uid = "u" }],
            },
            Spec = new V1ReplicaSetSpec { Template = new V1PodTemplateSpec() },
        });
        var bare = owned with { Resource = new V1ReplicaSet { Metadata = new V1ObjectMeta { Name = "batch" }, Spec = new V1ReplicaSetSpec() } };

        Assert.True(Interceptability.IsOwnedByDeployment(owned));
        Assert.False(Interceptability.IsOwnedByDeployment(bare));
    }
}
