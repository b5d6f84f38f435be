using System.Text.Json.Nodes;
using k8s;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Tests.Infrastructure;

namespace Telepath.KubeApi.TestServer.Tests.Validation;

public class ResourceValidationTests
{
    [Fact]
    public void Requests_within_limits_are_accepted()
    {
        Admit.Accepts(ResourceCatalog.Deployments, WithResources(("10m", "48Mi"), ("500m", "256Mi")));
    }

    [Fact]
    public void A_quantity_that_does_not_parse_is_a_bad_request_before_validation()
    {
        var message = Admit.Refuses(ResourceCatalog.Deployments, WithResources(("10 m", "48Mi"), null), code: 400);

        Assert.Equal(
            "Deployment in version \"v1\" cannot be handled as a Deployment: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
            message);
    }

    [Fact]
    public void A_quantity_with_an_unknown_suffix_is_a_bad_request()
    {
        var message = Admit.Refuses(ResourceCatalog.Deployments, WithResources(("1", "64K"), null), code: 400);

        Assert.EndsWith("cannot be handled as a Deployment: unable to parse quantity's suffix", message);
    }

    [Fact]
    public void A_request_above_its_limit_is_refused()
    {
        var message = Admit.Refuses(ResourceCatalog.Deployments, WithResources(("10m", "512Mi"), ("500m", "256Mi")));

        Assert.Equal(
            "Deployment.apps \"orders\" is invalid: spec.template.spec.containers[0].resources.requests: Invalid value: \"512Mi\": must be less than or equal to memory limit of 256Mi",
            message);
    }

    // Built as JSON: the client's ResourceQuantity would refuse "10 m" before it reached a server.
    private static JsonObject WithResources((string Cpu, string Memory) requests, (string Cpu, string Memory)? limits)
    {
        var deployment = (JsonObject)JsonNode.Parse(KubernetesJson.Serialize(Manifests.Deployment("orders")))!;
        var resources = new JsonObject { ["requests"] = Map(requests) };
        if (limits is { } l)
        {
            resources["limits"] = Map(l);
        }

        deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["resources"] = resources;
        return deployment;
    }

    private static JsonObject Map((string Cpu, string Memory) q) => new() { ["cpu"] = q.Cpu, ["memory"] = q.Memory };
}
