using k8s.Models;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Tests.Infrastructure;

namespace Telepath.KubeApi.TestServer.Tests.Validation;

public class RbacValidationTests
{
    [Fact]
    public void A_cluster_role_and_its_binding_to_a_service_account_are_accepted()
    {
        Admit.Accepts(ResourceCatalog.ClusterRoles, new V1ClusterRole
        {
            Metadata = new V1ObjectMeta { Name = "system:telepath-manager" },
            Rules = [new V1PolicyRule { ApiGroups = [""], Resources = ["pods"], Verbs = ["get"] }, new V1PolicyRule { NonResourceURLs = ["/healthz"], Verbs = ["get"] }],
        });
        Admit.Accepts(ResourceCatalog.ClusterRoleBindings, Binding(new Rbacv1Subject { Kind = "ServiceAccount", Name = "telepath-manager", NamespaceProperty = "telepath" }));
    }

    [Fact]
    public void A_rule_without_verbs_or_api_groups_is_refused()
    {
        var message = Admit.Refuses(ResourceCatalog.ClusterRoles, new V1ClusterRole
        {
            Metadata = new V1ObjectMeta { Name = "telepath-manager" },
            Rules = [new V1PolicyRule { Resources = ["pods"], Verbs = [] }],
        });

        Assert.Equal(
            "ClusterRole.rbac.authorization.k8s.io \"telepath-manager\" is invalid: [rules[0].verbs: Required value: verbs must contain at least one value, rules[0].apiGroups: Required value: resource rules must supply at least one api group]",
            message);
    }

    [Fact]
    public void A_cluster_role_binding_needs_a_cluster_role_and_the_service_accounts_namespace()
    {
        var binding = Binding(new Rbacv1Subject { Kind = "ServiceAccount", Name = "telepath-manager" });
        binding.RoleRef.Kind = "Role";

        var message = Admit.Refuses(ResourceCatalog.ClusterRoleBindings, binding);

        Assert.Equal(
            "ClusterRoleBinding.rbac.authorization.k8s.io \"telepath-manager\" is invalid: [roleRef.kind: Unsupported value: \"Role\": supported values: \"ClusterRole\", subjects[0].namespace: Required value]",
            message);
    }

    private static V1ClusterRoleBinding Binding(Rbacv1Subject subject) => new()
    {
        Metadata = new V1ObjectMeta { Name = "telepath-manager" },
        RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = "telepath-manager" },
        Subjects = [subject],
    };
}
