namespace Telepath.TrafficManager.Tunnels;

public enum TunnelOutcome
{
    /// <summary>Both sides closed their direction.</summary>
    Completed,

    /// <summary>One side ended its call without a half-close, or failed; the other was told.</summary>
    Aborted,

    /// <summary>The manager is shutting down.</summary>
    Cancelled,
}
