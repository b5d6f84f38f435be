using k8s;
using k8s.Models;
using Telepath.Kubernetes.Injection;
using Telepath.Kubernetes.Tests.Injection;
using Telepath.Kubernetes.Tests.Infrastructure;
using Telepath.Kubernetes.Workloads;

namespace Telepath.Kubernetes.Tests.Schema;

/// <summary>
/// The workloads and Services as the injection leaves them, and as the restore gives them back,
/// against the Kubernetes schemas: whatever the patches write must be an object the API accepts.
/// </summary>
public class InjectionSchemaTests
{
    private static readonly AgentSettings Settings = new("ghcr.io/telepath/telepath-server:v0.1.0");

    [SchemaCheckFact]
    public Task A_deployment_with_a_named_target_port() =>
        AssertInjectionValidAsync(Objects.Deployment(), Objects.Service("orders", "orders"));

    [SchemaCheckFact]
    public Task A_deployment_with_a_numeric_target_port() =>
        AssertInjectionValidAsync(
            Objects.Deployment(ports: new V1ContainerPort { ContainerPort = 8080, Protocol = "TCP" }),
            Objects.Service("orders", "orders", new V1ServicePort { Name = "web", Port = 80, TargetPort = 8080, Protocol = "TCP" }));

    // A 15-character name is the longest allowed; the derived "tp-..." one is cut to fit.
    [SchemaCheckFact]
    public Task A_deployment_whose_port_name_is_as_long_as_allowed() =>
        AssertInjectionValidAsync(
            Objects.Deployment(ports: new V1ContainerPort { Name = "orders-http-api", ContainerPort = 8080, Protocol = "TCP" }),
            Objects.Service("orders", "orders", new V1ServicePort { Name = "http", Port = 80, TargetPort = "orders-http-api", Protocol = "TCP" }));

    [SchemaCheckFact]
    public Task A_deployment_whose_app_mounts_volumes() =>
        AssertInjectionValidAsync(VolumeWorkloads.Deployment(), Objects.Service("orders", "orders"));

    [SchemaCheckFact]
    public Task A_stateful_set() =>
        AssertInjectionValidAsync(StatefulSet("db"), Objects.Service("db", "db"));

    [SchemaCheckFact]
    public Task A_replica_set() =>
        AssertInjectionValidAsync(ReplicaSet("batch"), Objects.Service("batch", "batch"));

    private static async Task AssertInjectionValidAsync(Workload workload, V1Service service)
    {
        var injection = AgentInjector.Plan(workload, service, service.Spec.Ports[0], Settings);
        var injectedService = injection.PlannedService ?? service;
        var restore = AgentRestorer.Plan(injection.Planned, injectedService);

        Assert.NotNull(injection.WorkloadPatch);
        Assert.NotNull(restore.Planned);
        await SchemaCheck.AssertValidAsync(
        [
            workload.Resource, service,
            injection.Planned.Resource, injectedService,
            restore.Planned.Resource, restore.PlannedService ?? injectedService,
        ]);
    }

    private static Workload StatefulSet(string name)
    {
        var deployment = (V1Deployment)Objects.Deployment(name).Resource;
        return new Workload(WorkloadKind.StatefulSet, new V1StatefulSet
        {
            ApiVersion = "apps/v1",
            Kind = "StatefulSet",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default", ResourceVersion = "12" },
            Spec = new V1StatefulSetSpec { ServiceName = name, Replicas = 1, Selector = deployment.Spec.Selector, Template = deployment.Spec.Template },
        });
    }

    private static Workload ReplicaSet(string name)
    {
        var deployment = (V1Deployment)Objects.Deployment(name).Resource;
        return new Workload(WorkloadKind.ReplicaSet, new V1ReplicaSet
        {
            ApiVersion = "apps/v1",
            Kind = "ReplicaSet",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default", ResourceVersion = "12" },
            Spec = new V1ReplicaSetSpec { Replicas = 1, Selector = deployment.Spec.Selector, Template = deployment.Spec.Template },
        });
    }
}
