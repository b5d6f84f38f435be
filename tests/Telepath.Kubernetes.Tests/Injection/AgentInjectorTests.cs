using k8s.Models;
using Telepath.Core;
using Telepath.Kubernetes.Injection;
using Telepath.Kubernetes.Json;
using Telepath.Kubernetes.Manifests;
using Telepath.Kubernetes.Tests.Infrastructure;

namespace Telepath.Kubernetes.Tests.Injection;

public class AgentInjectorTests
{
    private static readonly AgentSettings Settings = new("ghcr.io/telepath/telepath-server:v0.1.0");

    [Fact]
    public void A_named_target_port_moves_to_the_agent_and_the_service_is_left_alone()
    {
        var workload = Objects.Deployment();
        var service = Objects.Service("orders", "orders");

        var plan = AgentInjector.Plan(workload, service, service.Spec.Ports[0], Settings);

        var containers = plan.Planned.Template.Spec.Containers;
        var app = containers.Single(c => c.Name == "app");
        var agent = containers.Single(c => c.Name == "telepath-agent");
        Assert.Equal("tp-http", app.Ports.Single().Name);
        Assert.Equal(8080, app.Ports.Single().ContainerPort);
        Assert.Equal("tp-http", app.ReadinessProbe.HttpGet.Port.Value);
        Assert.Equal("http", agent.Ports.Single().Name);
        Assert.Equal(9900, agent.Ports.Single().ContainerPort);
        Assert.Null(plan.PlannedService);
        Assert.Null(plan.ServicePatch);
        Assert.Equal(("app", 8080, 9900, "http"), (plan.AppContainer, plan.AppPort, plan.AgentPort, plan.AgentPortName));
    }

    [Fact]
    public void The_agent_runs_the_server_image_with_the_documented_arguments()
    {
        var workload = Objects.Deployment();
        var service = Objects.Service("orders", "orders");

        var agent = AgentTemplate.Agent(AgentInjector.Plan(workload, service, service.Spec.Ports[0], Settings).Planned.Template)!;

        Assert.Equal("ghcr.io/telepath/telepath-server:v0.1.0", agent.Image);
        Assert.Equal(
            ["agent", "--workload", "orders", "--namespace", "default", "--kind", "Deployment", "--listen", ":9900",
             "--app", "127.0.0.1:8080", "--manager", "telepath-manager.telepath:8081", "--token-file", "/var/run/secrets/telepath.io/agent/token",
             "--volume", "/var/run/secrets/kubernetes.io/serviceaccount=/var/run/secrets/kubernetes.io/serviceaccount:ro"],
            agent.Args);
        Assert.Equal(9900, agent.ReadinessProbe.TcpSocket.Port.ToInt());
        Assert.True(agent.SecurityContext.RunAsNonRoot);
        Assert.Equal("metadata.name", agent.Env.Single(e => e.Name == "TELEPATH_POD_NAME").ValueFrom.FieldRef.FieldPath);
    }

    [Fact]
    public void The_agent_mounts_its_pods_token_projected_for_telepath_and_no_secret()
    {
        var workload = Objects.Deployment();
        var service = Objects.Service("orders", "orders");

        var template = AgentInjector.Plan(workload, service, service.Spec.Ports[0], Settings).Planned.Template;

        var mount = Assert.Single(AgentTemplate.Agent(template)!.VolumeMounts);
        Assert.Equal(("telepath-agent-identity", "/var/run/secrets/telepath.io/agent", true), (mount.Name, mount.MountPath, mount.ReadOnlyProperty));
        var volume = Assert.Single(template.Spec.Volumes);
        Assert.Equal("telepath-agent-identity", volume.Name);
        Assert.Null(volume.Secret);
        var token = Assert.Single(volume.Projected.Sources).ServiceAccountToken;
        Assert.Equal(("telepath", (long?)600, "token"), (token.Audience, token.ExpirationSeconds, token.Path));
        Assert.All(template.Spec.Containers.Where(c => c.Name != "telepath-agent"), c => Assert.Null(c.VolumeMounts));
    }

    [Fact]
    public void The_app_environment_is_carried_with_a_prefix_and_its_sources_kept()
    {
        var workload = Objects.Deployment();
        var service = Objects.Service("orders", "orders");

        var agent = AgentTemplate.Agent(AgentInjector.Plan(workload, service, service.Spec.Ports[0], Settings).Planned.Template)!;

        Assert.Equal("prod", agent.Env.Single(e => e.Name == "TELEPATH_APP_MODE").Value);
        Assert.Equal("http://db/$(TELEPATH_APP_MODE)", agent.Env.Single(e => e.Name == "TELEPATH_APP_URL").Value);
        Assert.Equal("db", agent.Env.Single(e => e.Name == "TELEPATH_APP_PASSWORD").ValueFrom.SecretKeyRef.Name);
        var source = agent.EnvFrom.Single();
        Assert.Equal(("orders-config", "TELEPATH_APP_"), (source.ConfigMapRef.Name, source.Prefix));
        Assert.Equal("app", agent.Env.Single(e => e.Name == AgentEnvironment.AppContainerVariable).Value);
    }

    [Fact]
    public void A_numeric_target_port_gets_a_named_agent_port_and_the_service_targets_it()
    {
        var workload = Objects.Deployment(ports: new V1ContainerPort { ContainerPort = 8080 });
        var service = Objects.Service("orders", "orders", new V1ServicePort { Name = "web", Port = 80, TargetPort = 8080, Protocol = "TCP" });

        var plan = AgentInjector.Plan(workload, service, service.Spec.Ports[0], Settings);

        var agent = AgentTemplate.Agent(plan.Planned.Template)!;
        Assert.Equal("tp-8080", agent.Ports.Single().Name);
        Assert.Null(plan.Planned.Template.Spec.Containers[0].Ports.Single().Name);
        Assert.Equal("tp-8080", plan.PlannedService!.Spec.Ports.Single().TargetPort.Value);
        var saved = KubeJson.FromNode<List<V1ServicePort>>(System.Text.Json.Nodes.JsonNode.Parse(
            plan.PlannedService.Metadata.Annotations[AgentTemplate.OriginalPortsAnnotation])!);
        Assert.Equal("8080", saved.Single().TargetPort.Value);
        InjectionAssert.PatchGives(service, plan.ServicePatch, plan.PlannedService);
        InjectionAssert.TouchesOnly(plan.ServicePatch!, "/spec/ports", "/metadata/annotations");
    }

    [Fact]
    public void A_service_port_without_target_port_targets_its_own_number()
    {
        var workload = Objects.Deployment(ports: new V1ContainerPort { ContainerPort = 80 });
        var service = Objects.Service("orders", "orders", new V1ServicePort { Port = 80 });

        var plan = AgentInjector.Plan(workload, service, service.Spec.Ports[0], Settings);

        Assert.Equal(80, plan.AppPort);
        Assert.Equal("tp-80", plan.PlannedService!.Spec.Ports.Single().TargetPort.Value);
    }

    [Fact]
    public void The_workload_patch_gives_the_plan_and_touches_only_the_template_and_annotations()
    {
        var workload = Objects.Deployment();
        var service = Objects.Service("orders", "orders");

        var plan = AgentInjector.Plan(workload, service, service.Spec.Ports[0], Settings);

        InjectionAssert.PatchGives(workload.Resource, plan.WorkloadPatch, plan.Planned.Resource);
        InjectionAssert.TouchesOnly(plan.WorkloadPatch!, "/spec/template", "/metadata/annotations");
        Assert.Contains("\"op\":\"test\",\"path\":\"/metadata/resourceVersion\",\"value\":\"41\"", (string)plan.WorkloadPatch!.Content);
    }

    [Fact]
    public void The_original_template_is_saved_in_an_annotation_by_the_same_patch()
    {
        var workload = Objects.Deployment();
        var service = Objects.Service("orders", "orders");

        var plan = AgentInjector.Plan(workload, service, service.Spec.Ports[0], Settings);

        var saved = plan.Planned.Metadata.Annotations[AgentTemplate.OriginalTemplateAnnotation];
        InjectionAssert.SameJson(KubeJson.ToNode(workload.Template), System.Text.Json.Nodes.JsonNode.Parse(saved)!);
        Assert.Contains("\"telepath.io/original-template\":", (string)plan.WorkloadPatch!.Content);
    }

    [Fact]
    public void Planning_never_changes_the_objects_it_was_given()
    {
        var workload = Objects.Deployment();
        var service = Objects.Service("orders", "orders", new V1ServicePort { Port = 80, TargetPort = 8080 });
        var before = (KubeJson.ToNode(workload.Resource), KubeJson.ToNode(service));

        AgentInjector.Plan(workload, service, service.Spec.Ports[0], Settings);

        InjectionAssert.SameJson(before.Item1, KubeJson.ToNode(workload.Resource));
        InjectionAssert.SameJson(before.Item2, KubeJson.ToNode(service));
    }

    [Fact]
    public void The_agent_port_skips_ports_the_pod_already_uses()
    {
        var workload = Objects.Deployment(ports:
        [
            new V1ContainerPort { Name = "http", ContainerPort = 8080 },
            new V1ContainerPort { Name = "metrics", ContainerPort = 9900 },
        ]);
        var service = Objects.Service("orders", "orders");

        Assert.Equal(9901, AgentInjector.Plan(workload, service, service.Spec.Ports[0], Settings).AgentPort);
    }

    [Fact]
    public void Of_two_service_ports_only_the_chosen_one_changes()
    {
        var workload = Objects.Deployment(ports:
        [
            new V1ContainerPort { Name = "http", ContainerPort = 8080 },
            new V1ContainerPort { Name = "admin", ContainerPort = 9090 },
        ]);
        var service = Objects.Service("orders", "orders",
            new V1ServicePort { Name = "http", Port = 80, TargetPort = "http" },
            new V1ServicePort { Name = "admin", Port = 9000, TargetPort = 9090 });

        var plan = AgentInjector.Plan(workload, service, service.Spec.Ports[1], Settings);

        var ports = plan.PlannedService!.Spec.Ports;
        Assert.Equal(("http", "tp-9090"), (ports[0].TargetPort.Value, ports[1].TargetPort.Value));
        Assert.Equal(["http", "admin"], plan.Planned.Template.Spec.Containers[0].Ports.Select(p => p.Name));
        Assert.Equal(9090, plan.AppPort);
    }

    [Fact]
    public void Injecting_again_for_the_same_port_changes_nothing()
    {
        var service = Objects.Service("orders", "orders");
        var first = AgentInjector.Plan(Objects.Deployment(), service, service.Spec.Ports[0], Settings);

        var again = AgentInjector.Plan(first.Planned, service, service.Spec.Ports[0], Settings);

        Assert.True(again.AlreadyInjected);
        Assert.Null(again.ServicePatch);
    }

    [Fact]
    public void Injecting_again_with_another_image_upgrades_only_the_agents_image()
    {
        var service = Objects.Service("orders", "orders");
        var first = AgentInjector.Plan(Objects.Deployment(), service, service.Spec.Ports[0], Settings);
        var newer = Settings with { Image = "ghcr.io/telepath/telepath-server:v0.2.0" };

        var upgrade = AgentInjector.Plan(first.Planned, service, service.Spec.Ports[0], newer);

        Assert.False(upgrade.AlreadyInjected);
        Assert.Equal(Settings.Image, upgrade.UpgradedFrom);
        var before = AgentTemplate.Agent(first.Planned.Template)!;
        var after = AgentTemplate.Agent(upgrade.Planned.Template)!;
        Assert.Equal(newer.Image, after.Image);
        after.Image = before.Image;
        Assert.Equal(KubeJson.ToNode(first.Planned.Template).ToJsonString(), KubeJson.ToNode(upgrade.Planned.Template).ToJsonString());
        Assert.Equal(first.Planned.Metadata.Annotations, upgrade.Planned.Metadata.Annotations);
        Assert.Contains("/spec/template/spec/containers/1/image", upgrade.WorkloadPatch!.Content.ToString());
    }

    [Fact]
    public void An_agent_injected_before_volumes_gets_the_apps_mounts_and_volume_args_when_upgraded()
    {
        var service = Objects.Service("orders", "orders");
        var workload = VolumeWorkloads.Deployment();
        var fresh = AgentInjector.Plan(workload, service, service.Spec.Ports[0], Settings);
        var old = fresh.Planned.With(KubeJson.Clone(fresh.Planned.Template), fresh.Planned.Metadata.Annotations);
        var oldAgent = AgentTemplate.Agent(old.Template)!;
        oldAgent.Image = "ghcr.io/telepath/telepath-server:v0.0.9";
        oldAgent.VolumeMounts = [.. oldAgent.VolumeMounts.Where(m => !m.MountPath.StartsWith(AgentVolumes.Root + "/", StringComparison.Ordinal))];
        oldAgent.Args = [.. WithoutVolumeArgs(oldAgent.Args)];

        var upgrade = AgentInjector.Plan(old, service, service.Spec.Ports[0], Settings);

        Assert.Equal("ghcr.io/telepath/telepath-server:v0.0.9", upgrade.UpgradedFrom);
        InjectionAssert.SameJson(KubeJson.ToNode(fresh.Planned.Template), KubeJson.ToNode(upgrade.Planned.Template));
        InjectionAssert.PatchGives(old.Resource, upgrade.WorkloadPatch, upgrade.Planned.Resource);
        Assert.True(AgentInjector.Plan(upgrade.Planned, service, service.Spec.Ports[0], Settings).AlreadyInjected);
    }

    [Fact]
    public void A_volume_the_app_gained_after_injection_is_given_to_the_agent_at_the_next_intercept()
    {
        var service = Objects.Service("orders", "orders");
        var first = AgentInjector.Plan(Objects.Deployment(), service, service.Spec.Ports[0], Settings);
        var changed = first.Planned.With(KubeJson.Clone(first.Planned.Template), first.Planned.Metadata.Annotations);
        var app = changed.Template.Spec.Containers.First(c => c.Name != AgentTemplate.ContainerName);
        changed.Template.Spec.Volumes.Add(new V1Volume { Name = "config", ConfigMap = new V1ConfigMapVolumeSource { Name = "orders-config" } });
        app.VolumeMounts = [new V1VolumeMount { Name = "config", MountPath = "/etc/config", ReadOnlyProperty = true }];

        var again = AgentInjector.Plan(changed, service, service.Spec.Ports[0], Settings);

        Assert.False(again.AlreadyInjected);
        var agent = AgentTemplate.Agent(again.Planned.Template)!;
        Assert.Contains(agent.VolumeMounts, m => m.Name == "config" && m.MountPath == AgentVolumes.Root + "/etc/config" && m.ReadOnlyProperty == true);
        Assert.Contains("/etc/config=/telepath/volumes/etc/config:ro", agent.Args);
        InjectionAssert.TouchesOnly(again.WorkloadPatch!, "/spec/template/spec/containers/1");
    }

    private static IEnumerable<string> WithoutVolumeArgs(IList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == AgentVolumes.VolumeOption)
            {
                i++;
                continue;
            }

            yield return args[i];
        }
    }

    [Fact]
    public void An_agent_of_a_version_before_kubernetes_identity_gets_the_projected_token_in_place_of_the_token_copy()
    {
        var service = Objects.Service("orders", "orders");
        var fresh = AgentInjector.Plan(Objects.Deployment(), service, service.Spec.Ports[0], Settings);
        var legacy = LegacyInjection.Of(fresh.Planned);

        var upgrade = AgentInjector.Plan(legacy, service, service.Spec.Ports[0], Settings);

        Assert.False(upgrade.AlreadyInjected);
        Assert.Equal(LegacyInjection.Image, upgrade.UpgradedFrom);
        Assert.False(upgrade.Relabelled);
        InjectionAssert.SameJson(KubeJson.ToNode(fresh.Planned.Template), KubeJson.ToNode(upgrade.Planned.Template));
        InjectionAssert.PatchGives(legacy.Resource, upgrade.WorkloadPatch, upgrade.Planned.Resource);
        InjectionAssert.TouchesOnly(upgrade.WorkloadPatch!, "/spec/template/spec");
        Assert.True(AgentInjector.Plan(upgrade.Planned, service, service.Spec.Ports[0], Settings).AlreadyInjected);
    }

    [Fact]
    public void The_pods_get_the_agent_label_the_managers_network_policy_admits_beside_their_own()
    {
        var workload = Objects.Deployment();
        var service = Objects.Service("orders", "orders");
        var admitted = ManagerNetworkPolicy.Build("telepath", "v0.1.0").Spec.Ingress.Single().FromProperty.Single().PodSelector.MatchLabels;

        var labels = AgentInjector.Plan(workload, service, service.Spec.Ports[0], Settings).Planned.Template.Metadata.Labels;

        Assert.All(admitted, label => Assert.Equal(label.Value, labels[label.Key]));
        Assert.All(workload.Template.Metadata.Labels, label => Assert.Equal(label.Value, labels[label.Key]));
    }

    [Fact]
    public void An_agent_injected_before_pods_were_labelled_gets_only_the_label()
    {
        var service = Objects.Service("orders", "orders");
        var first = AgentInjector.Plan(Objects.Deployment(), service, service.Spec.Ports[0], Settings);
        var unlabelled = first.Planned.With(KubeJson.Clone(first.Planned.Template), first.Planned.Metadata.Annotations);
        unlabelled.Template.Metadata.Labels.Remove(AgentTemplate.AgentLabel);

        var again = AgentInjector.Plan(unlabelled, service, service.Spec.Ports[0], Settings);

        Assert.False(again.AlreadyInjected);
        Assert.True(again.Relabelled);
        Assert.Null(again.UpgradedFrom);
        Assert.Equal(KubeJson.ToNode(first.Planned.Template).ToJsonString(), KubeJson.ToNode(again.Planned.Template).ToJsonString());
        InjectionAssert.PatchGives(unlabelled.Resource, again.WorkloadPatch, again.Planned.Resource);
        InjectionAssert.TouchesOnly(again.WorkloadPatch!, "/spec/template/metadata/labels");
    }

    [Fact]
    public void Injecting_for_another_port_says_the_agent_is_there()
    {
        var workload = Objects.Deployment(ports:
        [
            new V1ContainerPort { Name = "http", ContainerPort = 8080 },
            new V1ContainerPort { Name = "admin", ContainerPort = 9090 },
        ]);
        var service = Objects.Service("orders", "orders",
            new V1ServicePort { Name = "http", Port = 80, TargetPort = "http" },
            new V1ServicePort { Name = "admin", Port = 9000, TargetPort = "admin" });
        var first = AgentInjector.Plan(workload, service, service.Spec.Ports[0], Settings);

        var error = Assert.Throws<UserErrorException>(() => AgentInjector.Plan(first.Planned, service, service.Spec.Ports[1], Settings));

        Assert.Contains("already has a traffic agent for port \"http\"", error.Message);
    }

    [Fact]
    public void A_named_target_port_that_no_container_declares_is_refused()
    {
        var service = Objects.Service("orders", "orders", new V1ServicePort { Port = 80, TargetPort = "grpc" });

        var error = Assert.Throws<UserErrorException>(() => AgentInjector.Plan(Objects.Deployment(), service, service.Spec.Ports[0], Settings));

        Assert.Equal("service \"orders\" targets port \"grpc\", but no container of deployment \"orders\" has a port of that name", error.Message);
    }

    [Fact]
    public void Every_name_the_injection_adds_is_valid()
    {
        var workload = Objects.Deployment(ports: new V1ContainerPort { Name = "very-long-name1", ContainerPort = 8080 });
        var service = Objects.Service("orders", "orders", new V1ServicePort { Port = 80, TargetPort = "very-long-name1" });

        var template = AgentInjector.Plan(workload, service, service.Spec.Ports[0], Settings).Planned.Template;

        Assert.All(template.Spec.Containers.SelectMany(c => c.Ports), p => Assert.True(PortNames.IsValid(p.Name), p.Name));
        Assert.Equal("tp-very-long-na", template.Spec.Containers[0].Ports[0].Name);
    }
}
