using Telepath.Protocol.Manager;

namespace Telepath.Daemon.Workloads;

/// <summary>The app container's environment of an intercepted workload, as one of its agents reported it.</summary>
public static class AppEnvironments
{
    public static IDictionary<string, string> Of(AgentSnapshot agents, InterceptSpec spec) =>
        agents.Agents
            .Where(a => a.Workload == spec.Workload && a.Namespace == spec.Namespace)
            .OrderByDescending(a => a.Environment.Count)
            .Select(a => (IDictionary<string, string>)a.Environment)
            .FirstOrDefault() ?? new Dictionary<string, string>();
}
