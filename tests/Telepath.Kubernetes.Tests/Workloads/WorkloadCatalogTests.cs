using k8s;
using k8s.Models;
using Telepath.Core;
using Telepath.Kubernetes.Tests.Infrastructure;
using Telepath.Kubernetes.Workloads;
using Telepath.Testing.Polling;

namespace Telepath.Kubernetes.Tests.Workloads;

public class WorkloadCatalogTests
{
    [Fact]
    public async Task Every_workload_of_the_namespace_is_listed_with_why()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.CreateDeploymentAsync("orders");
        await cluster.CreateServiceAsync("orders", "orders");
        await cluster.CreateDeploymentAsync("legacy");
        await cluster.Client.AppsV1.CreateNamespacedStatefulSetAsync(StatefulSet("db"), "default");
        await cluster.CreateServiceAsync("db", "db");
        await cluster.CreateDeploymentAsync("elsewhere", "shop");
        // The deployment controller makes a ReplicaSet for each deployment; they must not be listed as workloads.
        var replicaSets = await Poll.UntilAsync(() => cluster.Client.AppsV1.ListNamespacedReplicaSetAsync("default"), list => list.Items.Count >= 2);

        var entries = await new WorkloadCatalog(cluster.Client).ListAsync("default");

        Assert.Equal(
            [
                "StatefulSet db: ready to intercept (traffic-agent not yet installed)",
                "Deployment legacy: not interceptable (no service selects it)",
                "Deployment orders: ready to intercept (traffic-agent not yet installed)",
            ],
            entries.Select(e => $"{e.Kind} {e.Name}: {e.Reason}"));
        Assert.Equal(["orders"], entries.Single(e => e.Name == "orders").Services);
        Assert.All(replicaSets.Items, replicaSet => Assert.DoesNotContain(replicaSet.Metadata.Name, entries.Select(e => e.Name)));
    }

    [Fact]
    public async Task All_namespaces_are_listed_when_no_namespace_is_given()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.CreateDeploymentAsync("orders");
        await cluster.CreateDeploymentAsync("orders", "shop");

        var entries = await new WorkloadCatalog(cluster.Client).ListAsync(null);

        Assert.Equal(["default/orders", "shop/orders"], entries.Select(e => $"{e.Namespace}/{e.Name}"));
    }

    [Fact]
    public async Task Resolve_finds_the_workload_service_and_port()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.CreateDeploymentAsync("orders");
        await cluster.CreateServiceAsync("orders", "orders",
            ports: [new V1ServicePort { Name = "http", Port = 80, TargetPort = "http" }, new V1ServicePort { Name = "admin", Port = 9000, TargetPort = 9000 }]);

        var target = await new WorkloadCatalog(cluster.Client).ResolveAsync("orders", "default", servicePort: "admin");

        Assert.Equal((WorkloadKind.Deployment, "orders", "orders", 9000), (target.Workload.Kind, target.Workload.Name, target.Service.Metadata.Name, target.Port.Port));
    }

    [Fact]
    public async Task Resolve_asks_to_choose_between_two_services()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.CreateDeploymentAsync("orders");
        await cluster.CreateServiceAsync("orders", "orders");
        await cluster.CreateServiceAsync("orders-admin", "orders");

        var error = await Assert.ThrowsAsync<UserErrorException>(() => new WorkloadCatalog(cluster.Client).ResolveAsync("orders", "default"));

        Assert.Equal("workload \"orders\" is selected by 2 services (orders, orders-admin); choose one with --service", error.Message);
    }

    [Fact]
    public async Task Resolve_of_a_name_that_is_not_there_points_to_list()
    {
        await using var cluster = await TestCluster.StartAsync();

        var error = await Assert.ThrowsAsync<UserErrorException>(() => new WorkloadCatalog(cluster.Client).ResolveAsync("nope", "default"));

        Assert.Equal("no workload \"nope\" in namespace \"default\" (see \"telepath list\")", error.Message);
    }

    private static V1StatefulSet StatefulSet(string name)
    {
        var deployment = (V1Deployment)Objects.Deployment(name).Resource;
        return new V1StatefulSet
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1StatefulSetSpec { ServiceName = name, Replicas = 1, Selector = deployment.Spec.Selector, Template = deployment.Spec.Template },
        };
    }
}
