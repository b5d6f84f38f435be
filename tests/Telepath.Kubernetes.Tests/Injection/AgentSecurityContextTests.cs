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
    }
}
