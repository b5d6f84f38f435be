namespace Telepath.TrafficAgent.Tunnels;

/// <summary>How opening a tunnel for an intercept ended.</summary>
internal enum TunnelDialOutcome
{
    Established,

    /// <summary>The intercept's laptop has no live dial watch or did not answer in time.</summary>
    ClientUnreachable,

    /// <summary>The intercept is gone (removed between the route snapshot and the dial).</summary>
    NoSuchIntercept,

    /// <summary>No session with the manager, or the manager did not answer the tunnel call.</summary>
    ManagerUnreachable,

    /// <summary>The laptop answered, but nothing listens at the intercept's target there.</summary>
    TargetUnreachable,

    /// <summary>Anything else the manager or the laptop reported.</summary>
    Failed,

    /// <summary>
    /// The tunnel was joined, but the laptop went away (or was frozen) before it answered: it never
    /// dialed its target, so a request without a body can still be served by the app.
    /// </summary>
    LaptopVanished,

    /// <summary>The connection or request it was for went away first: it goes nowhere.</summary>
    Cancelled,
}

internal static class TunnelDialOutcomeExtensions
{
    /// <summary>
    /// Outcomes where nothing of the connection or request has left the agent and no laptop decided
    /// about it, so the app can serve it as if there were no intercept.
    /// </summary>
    public static bool FailsOpen(this TunnelDialOutcome outcome) =>
        outcome is TunnelDialOutcome.ClientUnreachable or TunnelDialOutcome.NoSuchIntercept or TunnelDialOutcome.ManagerUnreachable;
}
