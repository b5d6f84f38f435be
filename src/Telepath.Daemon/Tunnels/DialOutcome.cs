namespace Telepath.Daemon.Tunnels;

/// <summary>How the answer to one dial ended; logged and counted, never thrown.</summary>
public enum DialOutcome
{
    /// <summary>Bytes flowed and both directions closed.</summary>
    Completed,

    /// <summary>Nothing listened at the intercept's local address; the agent was told.</summary>
    TargetUnreachable,

    /// <summary>One side reset or failed in the middle.</summary>
    Aborted,

    /// <summary>The intercept was left or the daemon stopped.</summary>
    Cancelled,
}
