using k8s.Models;
using Telepath.Kubernetes.Injection;
using Telepath.Kubernetes.Tests.Infrastructure;

namespace Telepath.Kubernetes.Tests.Injection;

/// <summary>
/// Pod Security admission in "restricted" namespaces refuses the pods, not the patch: the rollout
/// would stall. So the agent meets the standard on its own, whatever the app's pod sets.
/// </summary>
public class AgentSecurityContextTests
{
    [Fact]
    public void The_agent_meets_the_restricted_pod_security_standard_by_itself()
    {
        var service = Objects.Service("orders", "orders");
        var plan = AgentInjector.Plan(Objects.Deployment(), service, service.Spec.Ports[0], new AgentSettings("ghcr.io/telepath/telepath-server:v0.1.0"));

        var context = AgentTemplate.Agent(plan.Planned.Template)!.SecurityContext;

        Assert.True(context.RunAsNonRoot);
        Assert.False(context.AllowPrivilegeEscalation);
        Assert.Equal(["ALL"], context.Capabilities.Drop);
        Assert.Null(context.Capabilities.Add);
        Assert.Equal("RuntimeDefault", context.SeccompProfile.Type);
        Assert.NotEqual(true, context.Privileged);
        Assert.Equal(1654, context.RunAsUser);
        Assert.Null(context.RunAsGroup);
    }

    [Fact]
    public void The_agent_runs_as_the_app_containers_user_and_group_before_the_pods()
    {
        var pod = new V1PodSpec { SecurityContext = new V1PodSecurityContext { RunAsUser = 1000, RunAsGroup = 3000, FsGroup = 2000 } };
        var app = new V1Container { Name = "app", SecurityContext = new V1SecurityContext { RunAsUser = 1001 } };

        var context = AgentSecurityContext.For(pod, app);

        Assert.Equal((1001L, 3000L), (context.RunAsUser, context.RunAsGroup));
        Assert.True(context.RunAsNonRoot);
        Assert.Equal(["ALL"], context.Capabilities.Drop);
    }

    [Fact]
    public void An_app_that_runs_as_root_does_not_make_the_agent_root()
    {
        var pod = new V1PodSpec { SecurityContext = new V1PodSecurityContext { RunAsUser = 1000, RunAsGroup = 3000 } };
        var app = new V1Container { Name = "app", SecurityContext = new V1SecurityContext { RunAsUser = 0, RunAsGroup = 0 } };

        var context = AgentSecurityContext.For(pod, app);

        Assert.Equal((1654L, (long?)null), (context.RunAsUser, context.RunAsGroup));
    }
}
