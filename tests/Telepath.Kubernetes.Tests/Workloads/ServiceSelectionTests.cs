using k8s.Models;
using Telepath.Kubernetes.Tests.Infrastructure;
using Telepath.Kubernetes.Workloads;

namespace Telepath.Kubernetes.Tests.Workloads;

public class ServiceSelectionTests
{
    private static readonly Dictionary<string, string> Labels = new() { ["app"] = "orders", ["tier"] = "web" };

    [Fact]
    public void A_selector_that_is_a_subset_of_the_labels_selects() =>
        Assert.True(ServiceSelection.Selects(Objects.Service("orders", "orders"), Labels));

    [Fact]
    public void A_selector_with_another_value_does_not_select() =>
        Assert.False(ServiceSelection.Selects(Objects.Service("orders", "billing"), Labels));

    [Fact]
    public void An_empty_or_missing_selector_selects_nothing()
    {
        var empty = Objects.Service("orders", "orders");
        empty.Spec.Selector = new Dictionary<string, string>();
        var missing = Objects.Service("orders", "orders");
        missing.Spec.Selector = null;

        Assert.False(ServiceSelection.Selects(empty, Labels));
        Assert.False(ServiceSelection.Selects(missing, Labels));
    }

    [Fact]
    public void An_external_name_service_selects_nothing()
    {
        var external = Objects.Service("orders", "orders");
        external.Spec.Type = "ExternalName";

        Assert.False(ServiceSelection.Selects(external, Labels));
    }

    [Fact]
    public void Services_of_another_namespace_do_not_count()
    {
        var elsewhere = Objects.Service("orders", "orders");
        elsewhere.Metadata.NamespaceProperty = "other";

        Assert.Empty(ServiceSelection.SelectingServices(Objects.Deployment(), [elsewhere]));
    }
}
