using k8s.Models;
using Telepath.Kubernetes.Injection;
using Telepath.Kubernetes.Tests.Infrastructure;
using Telepath.Kubernetes.Workloads;

namespace Telepath.Kubernetes.Tests.Injection;

public class AgentVolumesTests
{
    private static readonly AgentSettings Settings = new("ghcr.io/telepath/telepath-server:v0.1.0");

    [Fact]
    public void Each_app_mount_is_mounted_in_the_agent_under_its_root_with_the_same_volume_sub_path_and_flag()
    {
        var agent = AgentOf(VolumeWorkloads.Deployment());

        Assert.Equal(VolumeWorkloads.AgentMounts, agent.VolumeMounts.Select(VolumeWorkloads.Describe));
        Assert.All(agent.VolumeMounts, m => Assert.Null(m.MountPropagation));
    }

    [Fact]
    public void Each_mount_is_named_to_the_agent_read_only_where_the_app_cannot_write_it()
    {
        var agent = AgentOf(VolumeWorkloads.Deployment());

        Assert.Equal([.. VolumeWorkloads.BaseArgs, .. VolumeWorkloads.Args], agent.Args);
    }

    [Fact]
    public void Injection_adds_no_volume_to_the_pod_and_leaves_the_app_mounts_alone()
    {
        var workload = VolumeWorkloads.Deployment();
        var service = Objects.Service("orders", "orders");

        var template = AgentInjector.Plan(workload, service, service.Spec.Ports[0], Settings).Planned.Template;

        Assert.Equal(["config", "db", "cache", "data", "telepath-agent-identity"], template.Spec.Volumes.Select(v => v.Name));
        Assert.Equal(
            workload.Template.Spec.Containers[0].VolumeMounts.Select(m => m.MountPath),
            template.Spec.Containers.Single(c => c.Name == "app").VolumeMounts.Select(m => m.MountPath));
    }

    [Fact]
    public void A_pod_without_volumes_that_opts_out_of_the_api_token_gets_the_agent_as_before()
    {
        var workload = Objects.Deployment();
        workload.Template.Spec.AutomountServiceAccountToken = false;

        var agent = AgentOf(workload);

        Assert.Equal(VolumeWorkloads.BaseArgs, agent.Args);
        Assert.Equal(["telepath-agent-identity"], agent.VolumeMounts.Select(m => m.Name));
    }

    [Fact]
    public void A_pod_without_volumes_gets_only_the_api_token_served_from_the_agents_own_mount()
    {
        var agent = AgentOf(Objects.Deployment());

        Assert.Equal(
            [.. VolumeWorkloads.BaseArgs, "--volume", "/var/run/secrets/kubernetes.io/serviceaccount=/var/run/secrets/kubernetes.io/serviceaccount:ro"],
            agent.Args);
        Assert.Equal(["telepath-agent-identity"], agent.VolumeMounts.Select(m => m.Name));
    }

    [Fact]
    public void A_pod_that_opts_out_of_the_api_token_has_its_volumes_served_without_it()
    {
        var workload = VolumeWorkloads.Deployment();
        workload.Template.Spec.AutomountServiceAccountToken = false;

        var agent = AgentOf(workload);

        Assert.Equal([.. VolumeWorkloads.BaseArgs, .. VolumeWorkloads.Args[..^2]], agent.Args);
    }

    [Fact]
    public void An_app_that_mounts_its_own_service_account_directory_is_served_that_mount_and_not_the_token()
    {
        var workload = Objects.Deployment();
        workload.Template.Spec.Volumes = [new V1Volume { Name = "sa", Secret = new V1SecretVolumeSource { SecretName = "legacy-token" } }];
        workload.Template.Spec.Containers[0].VolumeMounts = [new V1VolumeMount { Name = "sa", MountPath = "/var/run/secrets/kubernetes.io/serviceaccount/" }];

        var agent = AgentOf(workload);

        Assert.Equal(
            [.. VolumeWorkloads.BaseArgs, "--volume", "/var/run/secrets/kubernetes.io/serviceaccount=/telepath/volumes/var/run/secrets/kubernetes.io/serviceaccount:ro"],
            agent.Args);
        Assert.Equal("/telepath/volumes/var/run/secrets/kubernetes.io/serviceaccount", agent.VolumeMounts[1].MountPath);
    }

    [Fact]
    public void A_sub_path_expression_names_the_agents_prefixed_copies_of_the_app_variables()
    {
        var workload = VolumeWorkloads.Deployment();
        workload.Template.Spec.Containers[0].Env.Add(
            new V1EnvVar { Name = "POD_NAME", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.name" } } });
        workload.Template.Spec.Containers[0].VolumeMounts[3].SubPathExpr = "$(POD_NAME)/$(MODE)/$$(NOT_A_VARIABLE)";

        var agent = AgentOf(workload);

        Assert.Equal("$(TELEPATH_APP_POD_NAME)/$(TELEPATH_APP_MODE)/$$(NOT_A_VARIABLE)", agent.VolumeMounts.Single(m => m.Name == "data").SubPathExpr);
        Assert.Contains(agent.Env, e => e.Name == "TELEPATH_APP_POD_NAME" && e.ValueFrom.FieldRef.FieldPath == "metadata.name");
    }

    [Theory]
    [InlineData("data")]
    [InlineData("/srv/../etc")]
    [InlineData("/srv/./data")]
    [InlineData("/srv//data")]
    [InlineData("/")]
    [InlineData("")]
    [InlineData("/srv/a=b")]
    [InlineData("/srv/data:ro")]
    [InlineData("/srv/\ndata")]
    public void A_mount_path_that_could_leave_the_agents_root_or_be_misread_is_not_served(string path)
    {
        var workload = Objects.Deployment();
        workload.Template.Spec.AutomountServiceAccountToken = false;
        workload.Template.Spec.Volumes = [new V1Volume { Name = "scratch", EmptyDir = new V1EmptyDirVolumeSource() }];
        workload.Template.Spec.Containers[0].VolumeMounts =
        [
            new V1VolumeMount { Name = "scratch", MountPath = path },
            new V1VolumeMount { Name = "scratch", MountPath = "/srv/ok" },
        ];

        var agent = AgentOf(workload);

        Assert.Equal([.. VolumeWorkloads.BaseArgs, "--volume", "/srv/ok=/telepath/volumes/srv/ok"], agent.Args);
        Assert.Equal(["/var/run/secrets/telepath.io/agent", "/telepath/volumes/srv/ok"], agent.VolumeMounts.Select(m => m.MountPath));
    }

    private static V1Container AgentOf(Workload workload)
    {
        var service = Objects.Service("orders", "orders");
        return AgentTemplate.Agent(AgentInjector.Plan(workload, service, service.Spec.Ports[0], Settings).Planned.Template)!;
    }
}
