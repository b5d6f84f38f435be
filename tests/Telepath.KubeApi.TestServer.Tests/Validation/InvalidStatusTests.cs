using k8s;
using k8s.Autorest;
using k8s.Models;
using Telepath.KubeApi.TestServer.Tests.Infrastructure;

namespace Telepath.KubeApi.TestServer.Tests.Validation;

/// <summary>The refusal on the wire: what the client (and Telepath's error messages) get to read.</summary>
public class InvalidStatusTests
{
    [Fact]
    public async Task A_patch_that_gives_a_sidecar_a_long_port_name_is_422_with_the_field_in_the_causes()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.Client.CreateNamespacedDeploymentAsync(Manifests.Deployment("orders"), "default");
        var patch = """
            [{"op":"add","path":"/spec/template/spec/containers/-","value":
              {"name":"telepath-agent","image":"example/agent:1","ports":[{"name":"tp-orders-http-api","containerPort":9900}]}}]
            """;

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => cluster.Client.PatchNamespacedDeploymentAsync(
            new V1Patch(patch, V1Patch.PatchType.JsonPatch), "orders", "default"));

        Assert.Equal(422, (int)error.Response.StatusCode);
        var status = KubernetesJson.Deserialize<V1Status>(error.Response.Content);
        Assert.Equal(
            "Deployment.apps \"orders\" is invalid: spec.template.spec.containers[1].ports[0].name: Invalid value: \"tp-orders-http-api\": must be no more than 15 characters",
            status.Message);
        Assert.Equal(("Invalid", "orders", "apps", "Deployment"), (status.Reason, status.Details.Name, status.Details.Group, status.Details.Kind));
        var cause = Assert.Single(status.Details.Causes);
        Assert.Equal(("FieldValueInvalid", "spec.template.spec.containers[1].ports[0].name"), (cause.Reason, cause.Field));
        Assert.Single((await cluster.Client.ReadNamespacedDeploymentAsync("orders", "default")).Spec.Template.Spec.Containers);
    }
}
