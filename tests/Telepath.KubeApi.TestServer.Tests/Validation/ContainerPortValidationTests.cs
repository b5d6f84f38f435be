using k8s.Models;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Tests.Infrastructure;

namespace Telepath.KubeApi.TestServer.Tests.Validation;

public class ContainerPortValidationTests
{
    [Fact]
    public void A_sidecar_with_a_fifteen_character_port_name_and_a_probe_on_it_is_accepted()
    {
        var deployment = WithSidecar(new V1ContainerPort { Name = "orders-http-api", ContainerPort = 9900 });
        deployment.Spec.Template.Spec.Containers[1].ReadinessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/", Port = "orders-http-api" } };

        Admit.Accepts(ResourceCatalog.Deployments, deployment);
    }

    [Theory]
    [InlineData("tp-much-too-long", "must be no more than 15 characters")]
    [InlineData("web_api", "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)")]
    [InlineData("8080", "must contain at least one letter (a-z)")]
    [InlineData("tp--http", "must not contain consecutive hyphens")]
    [InlineData("http-", "must not begin or end with a hyphen")]
    public void A_port_name_that_is_no_IANA_service_name_is_refused(string name, string detail)
    {
        var message = Admit.Refuses(ResourceCatalog.Deployments, WithSidecar(new V1ContainerPort { Name = name, ContainerPort = 9900 }));

        Assert.Equal($"Deployment.apps \"orders\" is invalid: spec.template.spec.containers[1].ports[0].name: Invalid value: \"{name}\": {detail}", message);
    }

    [Fact]
    public void A_port_name_twice_in_one_container_is_refused_but_in_two_containers_accepted()
    {
        var twice = Manifests.Deployment("orders");
        twice.Spec.Template.Spec.Containers[0].Ports.Add(new V1ContainerPort { Name = "http", ContainerPort = 81 });

        var message = Admit.Refuses(ResourceCatalog.Deployments, twice);

        Assert.Equal("Deployment.apps \"orders\" is invalid: spec.template.spec.containers[0].ports[1].name: Duplicate value: \"http\"", message);
        Admit.Accepts(ResourceCatalog.Deployments, WithSidecar(new V1ContainerPort { Name = "http", ContainerPort = 9900 }));
    }

    [Theory]
    [InlineData(0, "spec.template.spec.containers[1].ports[0].containerPort: Required value")]
    [InlineData(70000, "spec.template.spec.containers[1].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive")]
    public void A_container_port_outside_1_to_65535_is_refused(int port, string error)
    {
        var message = Admit.Refuses(ResourceCatalog.Deployments, WithSidecar(new V1ContainerPort { Name = "agent", ContainerPort = port }));

        Assert.Equal($"Deployment.apps \"orders\" is invalid: {error}", message);
    }

    [Fact]
    public void A_probe_on_an_invalid_port_name_is_refused()
    {
        var deployment = Manifests.Deployment("orders");
        deployment.Spec.Template.Spec.Containers[0].LivenessProbe = new V1Probe { TcpSocket = new V1TCPSocketAction { Port = "tp-orders-http-api" } };

        var message = Admit.Refuses(ResourceCatalog.Deployments, deployment);

        Assert.Equal(
            "Deployment.apps \"orders\" is invalid: spec.template.spec.containers[0].livenessProbe.tcpSocket.port: Invalid value: \"tp-orders-http-api\": must be no more than 15 characters",
            message);
    }

    [Fact]
    public void A_container_name_that_is_no_DNS_label_is_refused()
    {
        var deployment = Manifests.Deployment("orders");
        deployment.Spec.Template.Spec.Containers[0].Name = "App_1";

        var message = Admit.Refuses(ResourceCatalog.Deployments, deployment);

        Assert.Equal(
            "Deployment.apps \"orders\" is invalid: spec.template.spec.containers[0].name: Invalid value: \"App_1\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
            message);
    }

    private static V1Deployment WithSidecar(V1ContainerPort port)
    {
        var deployment = Manifests.Deployment("orders");
        deployment.Spec.Template.Spec.Containers.Add(new V1Container { Name = "sidecar", Image = "example/sidecar:1", Ports = [port] });
        return deployment;
    }
}
