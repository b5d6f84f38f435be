using k8s.Models;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Tests.Infrastructure;

namespace Telepath.KubeApi.TestServer.Tests.Validation;

public class MetadataValidationTests
{
    [Fact]
    public void Prefixed_labels_and_a_large_annotation_within_the_limit_are_accepted()
    {
        var deployment = Manifests.Deployment("orders");
        deployment.Metadata.Labels["app.kubernetes.io/version"] = "v0.1.0_build.7";
        deployment.Metadata.Annotations = new Dictionary<string, string> { ["telepath.io/original-template"] = new string('x', 200_000) };

        Admit.Accepts(ResourceCatalog.Deployments, deployment);
    }

    [Fact]
    public void A_label_value_with_a_plus_is_refused()
    {
        var deployment = Manifests.Deployment("orders");
        deployment.Metadata.Labels["app.kubernetes.io/version"] = "v0.1.0+build.7";

        var message = Admit.Refuses(ResourceCatalog.Deployments, deployment);

        Assert.Equal(
            "Deployment.apps \"orders\" is invalid: metadata.labels: Invalid value: \"v0.1.0+build.7\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
            message);
    }

    [Fact]
    public void A_pod_template_label_key_with_two_slashes_is_refused()
    {
        var deployment = Manifests.Deployment("orders");
        deployment.Spec.Template.Metadata.Labels["a/b/c"] = "x";

        var message = Admit.Refuses(ResourceCatalog.Deployments, deployment);

        Assert.StartsWith("Deployment.apps \"orders\" is invalid: spec.template.metadata.labels: Invalid value: \"a/b/c\": a qualified name must consist of", message);
    }

    [Fact]
    public void Annotations_over_256_KiB_together_are_refused()
    {
        var deployment = Manifests.Deployment("orders");
        deployment.Metadata.Annotations = new Dictionary<string, string>
        {
            ["telepath.io/original-template"] = new string('x', 200_000),
            ["kubectl.kubernetes.io/last-applied-configuration"] = new string('y', 70_000),
        };

        var message = Admit.Refuses(ResourceCatalog.Deployments, deployment);

        Assert.Equal("Deployment.apps \"orders\" is invalid: metadata.annotations: Too long: must have at most 262144 bytes", message);
    }

    [Fact]
    public void A_namespace_name_with_a_dot_is_refused()
    {
        var message = Admit.Refuses(ResourceCatalog.Namespaces, new V1Namespace { Metadata = new V1ObjectMeta { Name = "team.a" } });

        Assert.Equal("Namespace \"team.a\" is invalid: metadata.name: Invalid value: \"team.a\": must not contain dots", message);
    }

    [Fact]
    public void A_secret_key_outside_the_config_key_characters_is_refused()
    {
        var secret = new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "telepath-agent-token", NamespaceProperty = "default" },
            Data = new Dictionary<string, byte[]> { ["token"] = [1], ["my token"] = [2] },
        };

        var message = Admit.Refuses(ResourceCatalog.Secrets, secret);

        Assert.Equal(
            "Secret \"telepath-agent-token\" is invalid: data[my token]: Invalid value: \"my token\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
            message);
    }
}
