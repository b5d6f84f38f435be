using Telepath.Protocol.Manager;

namespace Telepath.TrafficManager.Intercepts;

/// <summary>
/// Whether an intercept is in force: ACTIVE only when every present agent of its workload has reported
/// that it routes by it, since an agent that has not would still send the intercepted traffic to the app.
/// </summary>
internal static class InterceptReadiness
{
    // A workload of many pods still gets a one-line reason.
    private const int NamedPods = 3;

    /// <param name="present">The workload's agents now, in a stable order (the reason names their pods).</param>
    /// <param name="applied">Whether the agent of that session has reported routing by the intercept.</param>
    public static (InterceptState State, string Reason) Judge(string workload, IReadOnlyList<AgentInfo> present, Func<string, bool> applied)
    {
        if (present.Count == 0)
        {
            return (InterceptState.Waiting, $"no traffic agent of {workload} is present");
        }

        var pending = present.Where(agent => !applied(agent.SessionId)).Select(agent => agent.PodName).ToList();
        if (pending.Count == 0)
        {
            return (InterceptState.Active, "");
        }

        var agents = present.Count == 1 ? "traffic agent" : "traffic agents";
        var pods = string.Join(", ", pending.Take(NamedPods)) + (pending.Count > NamedPods ? $" and {pending.Count - NamedPods} more" : "");
        return (InterceptState.Waiting,
            $"waiting for {pending.Count} of {present.Count} {agents} of {workload} to apply it ({(pending.Count == 1 ? "pod" : "pods")} {pods})");
    }
}
