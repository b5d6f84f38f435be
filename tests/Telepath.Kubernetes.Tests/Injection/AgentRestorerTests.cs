using System.Text.Json.Nodes;
using k8s.Models;
using Telepath.Kubernetes.Injection;
using Telepath.Kubernetes.Json;
using Telepath.Kubernetes.Tests.Infrastructure;
using Telepath.Kubernetes.Workloads;

namespace Telepath.Kubernetes.Tests.Injection;

public class AgentRestorerTests
{
    private static readonly AgentSettings Settings = new("ghcr.io/telepath/telepath-server:v0.1.0");

    [Fact]
    public void Restoring_a_named_port_injection_gives_the_original_field_by_field()
    {
        var original = Objects.Deployment();
        var service = Objects.Service("orders", "orders");
        var injected = Applied(original, AgentInjector.Plan(original, service, service.Spec.Ports[0], Settings));

        var plan = AgentRestorer.Plan(injected, service);

        var restored = InjectionAssert.PatchGives(injected.Resource, plan.WorkloadPatch, plan.Planned!.Resource);
        InjectionAssert.SameJson(KubeJson.ToNode(original.Template), restored["spec"]!["template"]!);
        Assert.Null(restored["metadata"]!["annotations"]);
        Assert.Null(plan.ServicePatch);
        InjectionAssert.TouchesOnly(plan.WorkloadPatch!, "/spec/template", "/metadata/annotations");
        Assert.Empty(plan.KeptChanges);
    }

    [Fact]
    public void Restoring_a_numeric_port_injection_gives_the_original_service_back()
    {
        var original = Objects.Deployment(ports: new V1ContainerPort { ContainerPort = 8080, Protocol = "TCP" });
        var service = Objects.Service("orders", "orders",
            new V1ServicePort { Name = "web", Port = 80, TargetPort = 8080, Protocol = "TCP" },
            new V1ServicePort { Name = "admin", Port = 9000, TargetPort = 9000, Protocol = "TCP" });
        var injection = AgentInjector.Plan(original, service, service.Spec.Ports[0], Settings);
        var injected = Applied(original, injection);
        var injectedService = Applied(service, injection.ServicePatch!, injection.PlannedService!);

        var plan = AgentRestorer.Plan(injected, injectedService);

        InjectionAssert.PatchGives(injectedService, plan.ServicePatch, plan.PlannedService!);
        var withoutVersion = KubeJson.Clone(plan.PlannedService!);
        InjectionAssert.SameJson(KubeJson.ToNode(service.Spec), KubeJson.ToNode(withoutVersion.Spec));
        Assert.Null(withoutVersion.Metadata.Annotations);
        InjectionAssert.SameJson(KubeJson.ToNode(original.Template), KubeJson.ToNode(plan.Planned!.Template));
    }

    [Fact]
    public void A_change_made_after_the_injection_is_kept()
    {
        var original = Objects.Deployment();
        var service = Objects.Service("orders", "orders");
        var injected = Applied(original, AgentInjector.Plan(original, service, service.Spec.Ports[0], Settings));
        var changed = KubeJson.Clone((V1Deployment)injected.Resource);
        var app = changed.Spec.Template.Spec.Containers.Single(c => c.Name == "app");
        app.Image = "example/orders:1.1";
        app.Env.Add(new V1EnvVar { Name = "FEATURE_X", Value = "on" });
        changed.Spec.Replicas = 5;
        changed.Metadata.Annotations["team"] = "payments";
        var live = new Workload(WorkloadKind.Deployment, changed);

        var plan = AgentRestorer.Plan(live, null);

        var restored = (V1Deployment)plan.Planned!.Resource;
        var restoredApp = restored.Spec.Template.Spec.Containers.Single();
        Assert.Equal("example/orders:1.1", restoredApp.Image);
        Assert.Equal("FEATURE_X", restoredApp.Env.Last().Name);
        Assert.Equal("http", restoredApp.Ports.Single().Name);
        Assert.Equal("http", restoredApp.ReadinessProbe.HttpGet.Port.Value);
        Assert.Equal(5, restored.Spec.Replicas);
        Assert.Equal(new Dictionary<string, string> { ["team"] = "payments" }, restored.Metadata.Annotations);
        Assert.Null(restored.Spec.Template.Spec.Volumes);
        InjectionAssert.PatchGives(live.Resource, plan.WorkloadPatch, restored);
        Assert.DoesNotContain("/spec/replicas", (string)plan.WorkloadPatch!.Content);
        Assert.Equal(["/spec/containers/0/env/3", "/spec/containers/0/image"], plan.KeptChanges);
    }

    [Fact]
    public void Restoring_what_was_restored_plans_nothing()
    {
        var original = Objects.Deployment();
        var service = Objects.Service("orders", "orders", new V1ServicePort { Port = 80, TargetPort = "http" });
        var injected = Applied(original, AgentInjector.Plan(original, service, service.Spec.Ports[0], Settings));
        var once = AgentRestorer.Plan(injected, service);

        var twice = AgentRestorer.Plan(once.Planned, once.PlannedService);

        Assert.True(twice.NothingToDo);
    }

    [Fact]
    public void A_workload_that_was_never_injected_is_left_alone_even_with_a_tp_port()
    {
        var workload = Objects.Deployment(ports: new V1ContainerPort { Name = "tp-own", ContainerPort = 8080 });

        Assert.True(AgentRestorer.Plan(workload, Objects.Service("orders", "orders")).NothingToDo);
    }

    [Fact]
    public void A_pod_label_of_the_agents_name_that_was_there_before_gets_its_own_value_back()
    {
        var original = Objects.Deployment();
        original.Template.Metadata.Labels[AgentTemplate.AgentLabel] = "mine";
        var service = Objects.Service("orders", "orders");
        var injected = Applied(original, AgentInjector.Plan(original, service, service.Spec.Ports[0], Settings));

        var plan = AgentRestorer.Plan(injected, null);

        Assert.Equal(AgentTemplate.AgentLabelValue, injected.Template.Metadata.Labels[AgentTemplate.AgentLabel]);
        InjectionAssert.SameJson(KubeJson.ToNode(original.Template), KubeJson.ToNode(plan.Planned!.Template));
    }

    [Fact]
    public void Volumes_of_the_app_are_kept_when_the_agent_volume_goes()
    {
        var original = Objects.Deployment();
        original.Template.Spec.Volumes = [new V1Volume { Name = "data", EmptyDir = new V1EmptyDirVolumeSource() }];
        var service = Objects.Service("orders", "orders");
        var injected = Applied(original, AgentInjector.Plan(original, service, service.Spec.Ports[0], Settings));

        var plan = AgentRestorer.Plan(injected, null);

        InjectionAssert.SameJson(KubeJson.ToNode(original.Template), KubeJson.ToNode(plan.Planned!.Template));
    }

    [Fact]
    public void The_agent_identity_volume_and_its_mount_go_with_the_agent()
    {
        var original = Objects.Deployment();
        var service = Objects.Service("orders", "orders");
        var injected = Applied(original, AgentInjector.Plan(original, service, service.Spec.Ports[0], Settings));

        var restored = AgentRestorer.Plan(injected, null).Planned!.Template;

        Assert.Contains(injected.Template.Spec.Volumes, v => v.Name == "telepath-agent-identity");
        Assert.Null(restored.Spec.Volumes);
        Assert.All(restored.Spec.Containers, c => Assert.Null(c.VolumeMounts));
    }

    [Fact]
    public void An_agent_of_a_version_before_kubernetes_identity_goes_with_its_token_copys_volume()
    {
        var original = Objects.Deployment();
        original.Template.Spec.Volumes = [new V1Volume { Name = "data", EmptyDir = new V1EmptyDirVolumeSource() }];
        var service = Objects.Service("orders", "orders");
        var legacy = LegacyInjection.Of(Applied(original, AgentInjector.Plan(original, service, service.Spec.Ports[0], Settings)));

        var plan = AgentRestorer.Plan(legacy, null);

        Assert.Contains(legacy.Template.Spec.Volumes, v => v.Name == "telepath-agent-token");
        InjectionAssert.SameJson(KubeJson.ToNode(original.Template), KubeJson.ToNode(plan.Planned!.Template));
        Assert.Empty(plan.KeptChanges);
    }

    [Fact]
    public void Claims_that_laptops_left_go_with_the_agent_and_other_annotations_stay()
    {
        var original = Objects.Deployment();
        var service = Objects.Service("orders", "orders");
        var injected = Applied(original, AgentInjector.Plan(original, service, service.Spec.Ports[0], Settings));
        injected.Metadata.Annotations["claim.telepath.io/2f1c9a"] = "nonce-1";
        injected.Metadata.Annotations["claim.telepath.io/77ab03"] = "nonce-2";
        injected.Metadata.Annotations["team"] = "payments";

        var plan = AgentRestorer.Plan(injected, null);

        Assert.Equal(new Dictionary<string, string> { ["team"] = "payments" }, plan.Planned!.Metadata.Annotations);
        InjectionAssert.PatchGives(injected.Resource, plan.WorkloadPatch, plan.Planned.Resource);
    }

    [Fact]
    public void A_claim_left_on_a_workload_without_an_agent_is_removed_and_nothing_else_changes()
    {
        var workload = Objects.Deployment(ports: new V1ContainerPort { Name = "tp-own", ContainerPort = 8080 });
        workload.Metadata.Annotations = new Dictionary<string, string> { ["claim.telepath.io/2f1c9a"] = "nonce", ["team"] = "payments" };

        var plan = AgentRestorer.Plan(workload, null);

        Assert.Equal(new Dictionary<string, string> { ["team"] = "payments" }, plan.Planned!.Metadata.Annotations);
        InjectionAssert.PatchGives(workload.Resource, plan.WorkloadPatch, plan.Planned.Resource);
        InjectionAssert.TouchesOnly(plan.WorkloadPatch!, "/metadata/annotations/claim.telepath.io~12f1c9a");
        Assert.True(AgentRestorer.Plan(plan.Planned, null).NothingToDo);
    }

    [Fact]
    public void Without_the_saved_ports_a_numeric_target_port_is_read_from_its_name()
    {
        var service = Objects.Service("orders", "orders", new V1ServicePort { Port = 80, TargetPort = "tp-8080" });

        var plan = AgentRestorer.Plan(null, service);

        Assert.Equal("8080", plan.PlannedService!.Spec.Ports.Single().TargetPort.Value);
    }

    // The cluster's view after the patch: the patch applied to the live object's JSON.
    private static Workload Applied(Workload live, InjectionPlan plan)
    {
        var node = JsonPatchApplier.Apply(KubeJson.ToNode(live.Resource), (JsonArray)JsonNode.Parse((string)plan.WorkloadPatch!.Content)!);
        node["metadata"]!["resourceVersion"] = "42";
        return new Workload(live.Kind, KubeJson.FromNode<V1Deployment>(node));
    }

    private static V1Service Applied(V1Service live, V1Patch patch, V1Service planned)
    {
        var node = InjectionAssert.PatchGives(live, patch, planned);
        node["metadata"]!["resourceVersion"] = "8";
        return KubeJson.FromNode<V1Service>(node);
    }
}
