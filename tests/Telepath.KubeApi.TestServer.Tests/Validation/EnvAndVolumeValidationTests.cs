using k8s.Models;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Tests.Infrastructure;

namespace Telepath.KubeApi.TestServer.Tests.Validation;

public class EnvAndVolumeValidationTests
{
    [Fact]
    public void Env_from_every_source_and_a_mounted_secret_volume_are_accepted()
    {
        var deployment = Manifests.Deployment("orders");
        var container = deployment.Spec.Template.Spec.Containers[0];
        container.Env.Add(new V1EnvVar { Name = "TELEPATH_APP_my.env-name", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.name" } } });
        container.EnvFrom = [new V1EnvFromSource { Prefix = "TELEPATH_APP_", ConfigMapRef = new V1ConfigMapEnvSource { Name = "config" } }];
        container.VolumeMounts = [new V1VolumeMount { Name = "token", MountPath = "/var/run/secrets/telepath", ReadOnlyProperty = true }];
        deployment.Spec.Template.Spec.Volumes = [new V1Volume { Name = "token", Secret = new V1SecretVolumeSource { SecretName = "telepath-agent-token" } }];

        Admit.Accepts(ResourceCatalog.Deployments, deployment);
    }

    [Fact]
    public void An_env_name_that_starts_with_a_digit_is_refused()
    {
        var deployment = Manifests.Deployment("orders");
        deployment.Spec.Template.Spec.Containers[0].Env.Add(new V1EnvVar { Name = "1PORT", Value = "80" });

        var message = Admit.Refuses(ResourceCatalog.Deployments, deployment);

        Assert.Equal(
            "Deployment.apps \"orders\" is invalid: spec.template.spec.containers[0].env[1].name: Invalid value: \"1PORT\": a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')",
            message);
    }

    [Fact]
    public void A_value_beside_a_value_from_is_refused()
    {
        var deployment = Manifests.Deployment("orders");
        deployment.Spec.Template.Spec.Containers[0].Env[0].ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = "db", Key = "password" } };

        var message = Admit.Refuses(ResourceCatalog.Deployments, deployment);

        Assert.Equal(
            "Deployment.apps \"orders\" is invalid: spec.template.spec.containers[0].env[0].valueFrom: Invalid value: \"\": may not be specified when `value` is not empty",
            message);
    }

    [Fact]
    public void An_env_from_prefix_that_is_no_env_name_is_refused()
    {
        var deployment = Manifests.Deployment("orders");
        deployment.Spec.Template.Spec.Containers[0].EnvFrom = [new V1EnvFromSource { Prefix = "9_", SecretRef = new V1SecretEnvSource { Name = "db" } }];

        var message = Admit.Refuses(ResourceCatalog.Deployments, deployment);

        Assert.StartsWith("Deployment.apps \"orders\" is invalid: spec.template.spec.containers[0].envFrom[0].prefix: Invalid value: \"9_\": a valid environment variable name", message);
    }

    [Fact]
    public void A_mount_of_a_volume_the_pod_does_not_have_is_refused()
    {
        var deployment = Manifests.Deployment("orders");
        deployment.Spec.Template.Spec.Containers.Add(new V1Container
        {
            Name = "telepath-agent",
            Image = "example/agent:1",
            VolumeMounts = [new V1VolumeMount { Name = "telepath-agent-token", MountPath = "/var/run/secrets/telepath" }],
        });

        var message = Admit.Refuses(ResourceCatalog.Deployments, deployment);

        Assert.Equal("Deployment.apps \"orders\" is invalid: spec.template.spec.containers[1].volumeMounts[0].name: Not found: \"telepath-agent-token\"", message);
    }

    [Fact]
    public void A_volume_name_twice_and_a_volume_without_a_source_are_refused()
    {
        var deployment = Manifests.Deployment("orders");
        deployment.Spec.Template.Spec.Volumes =
        [
            new V1Volume { Name = "tmp", EmptyDir = new V1EmptyDirVolumeSource() },
            new V1Volume { Name = "tmp", EmptyDir = new V1EmptyDirVolumeSource() },
            new V1Volume { Name = "nothing" },
        ];

        var message = Admit.Refuses(ResourceCatalog.Deployments, deployment);

        Assert.Equal(
            "Deployment.apps \"orders\" is invalid: [spec.template.spec.volumes[1].name: Duplicate value: \"tmp\", spec.template.spec.volumes[2]: Required value: must specify a volume type]",
            message);
    }
}
