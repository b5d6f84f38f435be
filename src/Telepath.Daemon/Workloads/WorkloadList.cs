using Telepath.Protocol.Daemon;
using Telepath.Protocol.Manager;

namespace Telepath.Daemon.Workloads;

/// <summary>What <c>telepath list</c> shows: one entry per workload that has a traffic agent.</summary>
public static class WorkloadList
{
    public const string Intercepted = "intercepted";
    public const string Ready = "ready to intercept (traffic-agent already installed)";

    public static ListReply Build(AgentSnapshot agents, InterceptSnapshot intercepts, string ns)
    {
        var reply = new ListReply();
        var workloads = agents.Agents
            .Where(a => a.Namespace == ns)
            .GroupBy(a => (a.Namespace, a.Workload))
            .OrderBy(g => g.Key.Workload, StringComparer.Ordinal);
        foreach (var workload in workloads)
        {
            var entry = new WorkloadEntry
            {
                Name = workload.Key.Workload,
                Namespace = workload.Key.Namespace,
                Kind = workload.First().WorkloadKind,
                Interceptable = true,
            };
            entry.Intercepts.AddRange(intercepts.Intercepts.Where(i => i.Spec.Workload == entry.Name && i.Spec.Namespace == entry.Namespace));
            entry.State = entry.Intercepts.Count > 0 ? Intercepted : Ready;
            reply.Workloads.Add(entry);
        }

        return reply;
    }
}
