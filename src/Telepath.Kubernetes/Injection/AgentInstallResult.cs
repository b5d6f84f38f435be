namespace Telepath.Kubernetes.Injection;

/// <summary>The outcome of <see cref="AgentInstallation.InstallAsync"/>.</summary>
/// <param name="Changed">False when the agent was already there for this port.</param>
public sealed record AgentInstallResult(InjectionPlan Plan, bool Changed);
