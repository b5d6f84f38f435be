namespace Telepath.TrafficManager.Tunnels;

public enum TunnelOutcome
{
    /// <summary>Both sides closed their direction.</summary>
    Completed,

    /// <summary>One side reset its stream or failed; the other was reset too.</summary>
    Aborted,

    /// <summary>The manager is shutting down.</summary>
    Cancelled,
}
