namespace Telepath.TrafficManager.Tunnels;

/// <summary>How a laptop's standby tunnel ended at the manager.</summary>
internal enum StandbyEnd
{
    /// <summary>It was joined to an agent's tunnel and carried a connection.</summary>
    Joined,

    /// <summary>Its intercept was removed while it waited: the laptop is told, and stops offering.</summary>
    Retired,

    /// <summary>The laptop reset it or its connection died (a frozen or vanished laptop).</summary>
    Aborted,
}
