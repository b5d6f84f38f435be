using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using Telepath.Kubernetes.Injection;
using Telepath.Kubernetes.Manifests;

namespace Telepath.Kubernetes.Tests.Manifests;

public partial class ManagerManifestsTests
{
    private static readonly ManagerInstallOptions Options = new(Tag: "v0.1.0");

    [Fact]
    public void The_objects_come_in_creation_order()
    {
        var kinds = ManagerManifests.Build(Options).Select(o => o.Kind);

        Assert.Equal(["Namespace", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding", "Role", "NetworkPolicy", "Deployment", "Service"], kinds);
    }

    [Fact]
    public void Every_name_is_a_dns_label_and_every_label_value_is_valid()
    {
        foreach (var item in ManagerManifests.Build(Options with { Tag = "v0.1.0+build.7" }))
        {
            Assert.Matches(DnsLabel(), item.Metadata.Name);
            Assert.True(item.Metadata.Name.Length <= 63);
            Assert.All(item.Metadata.Labels, label => Assert.Matches(LabelValue(), label.Value));
            Assert.NotNull(item.ApiVersion);
        }
    }

    [Fact]
    public void Across_the_cluster_the_manager_may_only_read_what_it_serves_and_review_agents_tokens()
    {
        var role = ManagerManifests.Build(Options).OfType<V1ClusterRole>().Single();

        Assert.Equal(
            [
                "core services,pods,namespaces get,list,watch",
                "core nodes list,watch",
                "networking.k8s.io servicecidrs list,watch",
                "authentication.k8s.io tokenreviews create",
                "apps deployments,replicasets,statefulsets get",
            ],
            role.Rules.Select(Describe));
        var binding = ManagerManifests.Build(Options).OfType<V1ClusterRoleBinding>().Single();
        Assert.Equal(("ServiceAccount", "telepath-manager", "telepath"), (binding.Subjects[0].Kind, binding.Subjects[0].Name, binding.Subjects[0].NamespaceProperty));
        Assert.Equal(role.Metadata.Name, binding.RoleRef.Name);
    }

    [Fact]
    public void In_its_own_namespace_only_the_manager_may_create_services_for_the_dry_run_that_names_the_service_range()
    {
        var items = ManagerManifests.Build(Options with { Namespace = "ops" });
        var role = items.OfType<V1Role>().Single(r => r.Metadata.Name == "telepath-manager");
        var binding = items.OfType<V1RoleBinding>().Single();

        Assert.Equal(("telepath-manager", "ops"), (role.Metadata.Name, role.Metadata.NamespaceProperty));
        Assert.Equal(["core services create"], role.Rules.Select(Describe));
        Assert.Equal(("ops", "rbac.authorization.k8s.io", "Role", "telepath-manager"), (binding.Metadata.NamespaceProperty, binding.RoleRef.ApiGroup, binding.RoleRef.Kind, binding.RoleRef.Name));
        Assert.Equal(("ServiceAccount", "telepath-manager", "ops"), (binding.Subjects[0].Kind, binding.Subjects[0].Name, binding.Subjects[0].NamespaceProperty));
    }

    [Fact]
    public void Laptops_get_an_unbound_role_to_find_the_manager_pod_port_forward_to_it_and_read_its_deployment()
    {
        var items = ManagerManifests.Build(Options with { Namespace = "ops" });

        var role = items.OfType<V1Role>().Single(r => r.Metadata.Name == "telepath-client");

        Assert.Equal("ops", role.Metadata.NamespaceProperty);
        Assert.Equal(
            [
                "core pods get,list,watch",
                "core pods/portforward get,create",
                "apps deployments get (telepath-manager)",
            ],
            role.Rules.Select(Describe));
        Assert.DoesNotContain(items.OfType<V1RoleBinding>(), b => b.RoleRef.Name == "telepath-client");
    }

    private static string Describe(V1PolicyRule rule) =>
        $"{string.Join(',', rule.ApiGroups.Select(g => g.Length == 0 ? "core" : g))} {string.Join(',', rule.Resources)} {string.Join(',', rule.Verbs)}"
        + (rule.ResourceNames is { Count: > 0 } names ? $" ({string.Join(',', names)})" : "");

    [Fact]
    public void The_deployment_runs_the_manager_without_a_token_of_its_own()
    {
        var deployment = ManagerManifests.Build(Options).OfType<V1Deployment>().Single();

        var pod = deployment.Spec.Template.Spec;
        var container = Assert.Single(pod.Containers);
        Assert.Equal("ghcr.io/telepath/telepath-server:v0.1.0", container.Image);
        Assert.Equal(["manager", "--listen", ":8081"], container.Args);
        Assert.Equal(("POD_IP", "status.podIP"), (container.Env.Single().Name, container.Env.Single().ValueFrom.FieldRef.FieldPath));
        Assert.Equal(["tmp"], pod.Volumes.Select(v => v.Name));
        Assert.Equal(["/tmp"], container.VolumeMounts.Select(m => m.MountPath));
        // Its own service account's API token is what it reviews agents' tokens with.
        Assert.Equal("telepath-manager", pod.ServiceAccountName);
        Assert.Null(pod.AutomountServiceAccountToken);
        Assert.Equal(8081, container.ReadinessProbe.TcpSocket.Port.ToInt());
        Assert.NotEmpty(container.Resources.Requests);
        Assert.True(pod.SecurityContext.RunAsNonRoot);
        Assert.Equal(1, deployment.Spec.Replicas);
        Assert.Equal("telepath-manager", deployment.Spec.Template.Metadata.Labels["app.kubernetes.io/name"]);
        Assert.Equal("v0.1.0", deployment.Metadata.Labels["app.kubernetes.io/version"]);
        Assert.All(deployment.Spec.Selector.MatchLabels, l => Assert.Equal(l.Value, deployment.Spec.Template.Metadata.Labels[l.Key]));
    }

    [Fact]
    public void The_service_exposes_grpc_on_8081_to_the_manager_pods()
    {
        var items = ManagerManifests.Build(Options);
        var service = items.OfType<V1Service>().Single();
        var deployment = items.OfType<V1Deployment>().Single();

        var port = Assert.Single(service.Spec.Ports);
        Assert.Equal(("grpc", 8081, "grpc"), (port.Name, port.Port, port.TargetPort.Value));
        Assert.True(PortNames.IsValid(port.Name));
        Assert.All(service.Spec.Selector, l => Assert.Equal(l.Value, deployment.Spec.Template.Metadata.Labels[l.Key]));
        Assert.Contains(deployment.Spec.Template.Spec.Containers[0].Ports, p => p.Name == "grpc");
    }

    [Fact]
    public void Only_pods_labelled_as_agents_in_any_namespace_may_reach_the_managers_grpc_port()
    {
        var items = ManagerManifests.Build(Options with { Namespace = "ops" });
        var policy = items.OfType<V1NetworkPolicy>().Single();
        var deployment = items.OfType<V1Deployment>().Single();

        Assert.Equal(("telepath-manager", "ops"), (policy.Metadata.Name, policy.Metadata.NamespaceProperty));
        Assert.All(policy.Spec.PodSelector.MatchLabels, l => Assert.Equal(l.Value, deployment.Spec.Template.Metadata.Labels[l.Key]));
        Assert.Equal(["Ingress"], policy.Spec.PolicyTypes);
        var rule = Assert.Single(policy.Spec.Ingress);
        var peer = Assert.Single(rule.FromProperty);
        Assert.True(peer.NamespaceSelector is { MatchLabels: null, MatchExpressions: null }, "every namespace");
        Assert.Equal(new Dictionary<string, string> { [AgentTemplate.AgentLabel] = AgentTemplate.AgentLabelValue }, peer.PodSelector.MatchLabels);
        Assert.Null(peer.IpBlock);
        var port = Assert.Single(rule.Ports);
        Assert.Equal(("grpc", "TCP"), (port.Port.Value, port.Protocol));
        Assert.Contains(deployment.Spec.Template.Spec.Containers[0].Ports, p => p.Name == port.Port.Value && p.ContainerPort == ManagerNames.GrpcPort);
    }

    [Fact]
    public void No_object_holds_a_token()
    {
        Assert.Empty(ManagerManifests.Build(Options).OfType<V1Secret>());
    }

    [Fact]
    public void The_namespace_registry_and_tag_can_be_chosen()
    {
        var items = ManagerManifests.Build(new ManagerInstallOptions("ops", "registry.local:5000/tp/server", "dev"));

        Assert.All(items.Where(i => i is not V1Namespace and not V1ClusterRole and not V1ClusterRoleBinding), i => Assert.Equal("ops", i.Metadata.NamespaceProperty));
        Assert.Equal("registry.local:5000/tp/server:dev", items.OfType<V1Deployment>().Single().Spec.Template.Spec.Containers[0].Image);
        Assert.Equal("telepath-manager-ops", items.OfType<V1ClusterRole>().Single().Metadata.Name);
    }

    [Fact]
    public void The_yaml_parses_back_into_the_same_objects()
    {
        var items = ManagerManifests.Build(Options);

        var yaml = ManifestsYaml.Render(items);
        var parsed = KubernetesYaml.LoadAllFromString(yaml);

        Assert.Equal(items.Count, parsed.Count);
        for (var i = 0; i < items.Count; i++)
        {
            Assert.Equal(items[i].GetType(), parsed[i].GetType());
            Assert.Equal(KubernetesJson.Serialize(items[i]), KubernetesJson.Serialize(parsed[i]));
        }

        Assert.Equal(items.Count - 1, Regex.Matches(yaml, "^---$", RegexOptions.Multiline).Count);
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")]
    private static partial Regex LabelValue();
}
