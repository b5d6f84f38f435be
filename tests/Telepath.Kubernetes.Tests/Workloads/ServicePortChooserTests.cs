using k8s.Models;
using Telepath.Core;
using Telepath.Kubernetes.Tests.Infrastructure;
using Telepath.Kubernetes.Workloads;

namespace Telepath.Kubernetes.Tests.Workloads;

public class ServicePortChooserTests
{
    private static readonly V1Service TwoPorts = Objects.Service("orders", "orders",
        new V1ServicePort { Name = "http", Port = 80, TargetPort = "http" },
        new V1ServicePort { Name = "admin", Port = 9000, TargetPort = 9090 });

    [Fact]
    public void Two_services_need_a_choice()
    {
        var error = Assert.Throws<UserErrorException>(() => ServicePortChooser.ChooseService(
            Objects.Deployment(), [Objects.Service("orders", "orders"), Objects.Service("orders-admin", "orders")], null));

        Assert.Equal("workload \"orders\" is selected by 2 services (orders, orders-admin); choose one with --service", error.Message);
    }

    [Fact]
    public void The_service_flag_chooses_among_them()
    {
        var chosen = ServicePortChooser.ChooseService(
            Objects.Deployment(), [Objects.Service("orders", "orders"), Objects.Service("orders-admin", "orders")], "orders-admin");

        Assert.Equal("orders-admin", chosen.Metadata.Name);
    }

    [Fact]
    public void A_service_that_does_not_select_the_workload_is_refused()
    {
        var error = Assert.Throws<UserErrorException>(() => ServicePortChooser.ChooseService(
            Objects.Deployment(), [Objects.Service("orders", "orders")], "billing"));

        Assert.Equal("service \"billing\" does not select workload \"orders\" (it is selected by orders)", error.Message);
    }

    [Theory]
    [InlineData("admin", 9000)]
    [InlineData("9000", 9000)]
    [InlineData("80", 80)]
    public void The_port_is_chosen_by_name_or_number(string wanted, int port) =>
        Assert.Equal(port, ServicePortChooser.ChoosePort(TwoPorts, wanted).Port);

    [Fact]
    public void Two_ports_need_a_choice()
    {
        var error = Assert.Throws<UserErrorException>(() => ServicePortChooser.ChoosePort(TwoPorts, null));

        Assert.Equal("service \"orders\" has 2 ports (http 80, admin 9000); choose one with --port LOCAL:SVCPORT", error.Message);
    }

    [Fact]
    public void A_port_that_is_not_there_is_named()
    {
        var error = Assert.Throws<UserErrorException>(() => ServicePortChooser.ChoosePort(TwoPorts, "8443"));

        Assert.Equal("service \"orders\" has no port 8443 (it has http 80, admin 9000)", error.Message);
    }
}
