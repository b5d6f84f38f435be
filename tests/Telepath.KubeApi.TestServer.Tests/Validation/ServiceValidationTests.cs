using k8s.Models;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Tests.Infrastructure;

namespace Telepath.KubeApi.TestServer.Tests.Validation;

public class ServiceValidationTests
{
    [Fact]
    public void Named_and_numeric_target_ports_are_accepted()
    {
        Admit.Accepts(ResourceCatalog.Services, Service("orders",
            new V1ServicePort { Name = "http", Port = 80, TargetPort = "tp-8080" },
            new V1ServicePort { Name = "admin", Port = 9000, TargetPort = 9000 }));
    }

    [Fact]
    public void A_target_port_name_longer_than_15_characters_is_refused()
    {
        var message = Admit.Refuses(ResourceCatalog.Services, Service("orders", new V1ServicePort { Port = 80, TargetPort = "tp-orders-http-api" }));

        Assert.Equal(
            "Service \"orders\" is invalid: spec.ports[0].targetPort: Invalid value: \"tp-orders-http-api\": must be no more than 15 characters",
            message);
    }

    [Fact]
    public void A_numeric_target_port_out_of_range_is_refused()
    {
        var message = Admit.Refuses(ResourceCatalog.Services, Service("orders", new V1ServicePort { Port = 80, TargetPort = 70000 }));

        Assert.Equal("Service \"orders\" is invalid: spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive", message);
    }

    [Fact]
    public void Two_ports_need_names()
    {
        var message = Admit.Refuses(ResourceCatalog.Services, Service("orders",
            new V1ServicePort { Name = "http", Port = 80 },
            new V1ServicePort { Port = 81 }));

        Assert.Equal("Service \"orders\" is invalid: spec.ports[1].name: Required value", message);
    }

    [Fact]
    public void A_service_name_must_start_with_a_letter()
    {
        var message = Admit.Refuses(ResourceCatalog.Services, Service("1orders", new V1ServicePort { Port = 80 }));

        Assert.Equal(
            "Service \"1orders\" is invalid: metadata.name: Invalid value: \"1orders\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
            message);
    }

    private static V1Service Service(string name, params V1ServicePort[] ports) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
        Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = "orders" }, Ports = ports },
    };
}
