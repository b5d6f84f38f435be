using k8s;
using k8s.Models;
using Telepath.Kubernetes.Ingress;
using Telepath.Kubernetes.Tests.Infrastructure;
using Telepath.Kubernetes.Workloads;

namespace Telepath.Kubernetes.Tests.Ingress;

public class IngressCatalogTests
{
    [Fact]
    public async Task The_default_comes_from_an_Ingress_stored_in_the_cluster()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.CreateDeploymentAsync("orders");
        await cluster.CreateServiceAsync("orders", "orders");
        await cluster.Client.NetworkingV1.CreateNamespacedIngressAsync(ShopIngress(), "default");
        var target = await new WorkloadCatalog(cluster.Client).ResolveAsync("orders", "default");

        var choice = await new IngressCatalog(cluster.Client).DetectAsync(target);

        Assert.Equal(new IngressChoice("shop.example.com", 80, false, "shop.example.com", "Ingress default/shop"), choice);
    }

    [Fact]
    public async Task A_user_who_may_not_list_Ingresses_still_gets_a_default()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.CreateDeploymentAsync("orders");
        await cluster.CreateServiceAsync("orders", "orders");
        await cluster.Client.NetworkingV1.CreateNamespacedIngressAsync(ShopIngress(), "default");
        var target = await new WorkloadCatalog(cluster.Client).ResolveAsync("orders", "default");
        cluster.Server.Deny("list", "ingresses.networking.k8s.io", "default");
        cluster.Server.Deny("list", "services");

        var choice = await new IngressCatalog(cluster.Client).DetectAsync(target);

        Assert.Equal("orders.default", choice.Host);
    }

    private static V1Ingress ShopIngress() => new()
    {
        Metadata = new V1ObjectMeta { Name = "shop" },
        Spec = new V1IngressSpec
        {
            Rules =
            [
                new V1IngressRule
                {
                    Host = "shop.example.com",
                    Http = new V1HTTPIngressRuleValue
                    {
                        Paths = [new V1HTTPIngressPath { Path = "/", PathType = "Prefix", Backend = new V1IngressBackend { Service = new V1IngressServiceBackend { Name = "orders", Port = new V1ServiceBackendPort { Name = "http" } } } }],
                    },
                },
            ],
        },
    };
}
