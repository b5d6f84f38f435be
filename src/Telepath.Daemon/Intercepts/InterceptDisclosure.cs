using Telepath.Protocol.Manager;

namespace Telepath.Daemon.Intercepts;

/// <summary>
/// What of an intercept the daemon shows: never the app's environment, which holds the workload's secrets
/// and goes only where the user asked for it (<c>--env-file</c>, <c>--env-json</c>), not to status output or logs.
/// <see cref="Sessions.ManagerView"/> keeps environments apart; the manager's CreateIntercept reply, the
/// one other place an environment arrives, passes through here before it is shown.
/// </summary>
public static class InterceptDisclosure
{
    public static InterceptInfo WithoutEnvironment(this InterceptInfo intercept)
    {
        if (intercept.Environment.Count == 0)
        {
            return intercept;
        }

        var shown = intercept.Clone();
        shown.Environment.Clear();
        return shown;
    }
}
