using Telepath.Protocol.Manager;
using Telepath.Testing.Managers;

namespace Telepath.Daemon.Tests.Sessions;

/// <summary>The agent's side of a loopback manager, as the daemon's tests need it.</summary>
internal static class ManagerAgents
{
    /// <summary>
    /// An agent session for the workload (it is not kept alive: tests are shorter than a lease). Unless
    /// told not to, it reports every intercept it is sent as applied until the manager stops, so they turn ACTIVE.
    /// </summary>
    public static async Task<string> ArriveAgentAsync(this LoopbackManager manager, string workload, bool applyIntercepts = true)
    {
        var client = manager.Client();
        var session = await client.ArriveAsAgentAsync(new AgentArrival { Workload = workload, Namespace = "default", WorkloadKind = "Deployment", PodName = workload + "-0" });
        if (applyIntercepts)
        {
            _ = RouteAcknowledgements.RunAsync(client, session.SessionSecret, CancellationToken.None);
        }

        return session.SessionSecret;
    }

    /// <summary>Waits for the manager to hold an intercept with this id, as the given agent sees it.</summary>
    public static async Task<InterceptInfo> WaitForInterceptAsync(this LoopbackManager manager, string agentSession, string id, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        using var watch = manager.Client().WatchIntercepts(new SessionRef { SessionSecret = agentSession }, cancellationToken: cts.Token);
        while (await watch.ResponseStream.MoveNext(cts.Token))
        {
            if (watch.ResponseStream.Current.Intercepts.FirstOrDefault(i => i.Id == id) is { } found)
            {
                return found;
            }
        }

        throw new InvalidOperationException("the watch ended");
    }
}
