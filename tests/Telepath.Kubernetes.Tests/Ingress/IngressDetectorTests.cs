using k8s.Models;
using Telepath.Kubernetes.Ingress;
using Telepath.Kubernetes.Tests.Infrastructure;

namespace Telepath.Kubernetes.Tests.Ingress;

public class IngressDetectorTests
{
    private static readonly V1Service Orders = Objects.Service("orders", "orders");

    [Fact]
    public void Without_any_ingress_the_intercepted_Service_itself_is_the_default()
    {
        var choice = IngressDetector.Detect(Orders, Orders.Spec.Ports[0], [], [Orders]);

        Assert.Equal(new IngressChoice("orders.default", 80, false, "orders.default", "the intercepted Service (no ingress found)"), choice);
    }

    [Fact]
    public void A_well_known_controller_Service_is_preferred_over_the_Service_and_its_webhook_is_ignored()
    {
        var controller = Controller("ingress-nginx-controller", "ingress-nginx", new V1ServicePort { Name = "http", Port = 8080 }, new V1ServicePort { Name = "https", Port = 443 });
        var webhook = Controller("ingress-nginx-controller-admission", "ingress-nginx", new V1ServicePort { Name = "https-webhook", Port = 443 });

        var choice = IngressDetector.Detect(Orders, Orders.Spec.Ports[0], [], [Orders, webhook, controller]);

        Assert.Equal(new IngressChoice("ingress-nginx-controller.ingress-nginx", 8080, false, "ingress-nginx-controller.ingress-nginx", "ingress controller Service ingress-nginx/ingress-nginx-controller"), choice);
    }

    [Fact]
    public void An_Ingress_that_routes_to_the_Service_gives_its_host_its_TLS_and_its_published_address()
    {
        var ingress = Ingress("shop", "shop.example.com", "orders", tls: true);
        ingress.Status = new V1IngressStatus { LoadBalancer = new V1IngressLoadBalancerStatus { Ingress = [new V1IngressLoadBalancerIngress { Ip = "203.0.113.7" }] } };

        var choice = IngressDetector.Detect(Orders, Orders.Spec.Ports[0], [Ingress("other", "other.example.com", "billing", tls: false), ingress], [Orders]);

        Assert.Equal(new IngressChoice("203.0.113.7", 443, true, "shop.example.com", "Ingress default/shop"), choice);
    }

    [Fact]
    public void An_Ingress_without_a_published_address_is_reached_through_the_controller_Service()
    {
        var controller = Controller("traefik", "traefik", new V1ServicePort { Name = "web", Port = 80 });

        var choice = IngressDetector.Detect(Orders, Orders.Spec.Ports[0], [Ingress("shop", "shop.example.com", "orders", tls: false)], [Orders, controller]);

        Assert.Equal(new IngressChoice("traefik.traefik", 80, false, "shop.example.com", "Ingress default/shop"), choice);
    }

    [Fact]
    public void An_Ingress_of_another_namespace_does_not_count()
    {
        var elsewhere = Ingress("shop", "shop.example.com", "orders", tls: false);
        elsewhere.Metadata.NamespaceProperty = "staging";

        var choice = IngressDetector.Detect(Orders, Orders.Spec.Ports[0], [elsewhere], [Orders]);

        Assert.Equal("orders.default", choice.Host);
    }

    private static V1Service Controller(string name, string app, params V1ServicePort[] ports) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = app, Labels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = app } },
        Spec = new V1ServiceSpec { Type = "LoadBalancer", Ports = ports },
    };

    private static V1Ingress Ingress(string name, string host, string service, bool tls) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
        Spec = new V1IngressSpec
        {
            Rules =
            [
                new V1IngressRule
                {
                    Host = host,
                    Http = new V1HTTPIngressRuleValue
                    {
                        Paths = [new V1HTTPIngressPath { Path = "/", PathType = "Prefix", Backend = new V1IngressBackend { Service = new V1IngressServiceBackend { Name = service, Port = new V1ServiceBackendPort { Number = 80 } } } }],
                    },
                },
            ],
            Tls = tls ? [new V1IngressTLS { Hosts = [host], SecretName = "shop-tls" }] : null,
        },
    };
}
