namespace Telepath.Daemon.Outbound;

/// <summary>How one proxied connection ended; logged, never thrown.</summary>
public enum ProxyOutcome
{
    /// <summary>Bytes were relayed and both directions closed.</summary>
    Completed,

    /// <summary>Relayed, until one side reset or failed.</summary>
    Aborted,

    /// <summary>The proxy stopped (disconnect or quit) while it relayed.</summary>
    Cancelled,

    /// <summary>The client's request was not one this proxy serves (a method, command or address type); it was told.</summary>
    Rejected,

    /// <summary>The manager could not open the connection; the client got the reason.</summary>
    Refused,

    /// <summary>The manager does not dial that address for laptops (its policy); the client got the reason, and so does the log.</summary>
    NotAllowed,

    /// <summary>The client is not a process the proxy serves (another user's); it was told it may not use the proxy.</summary>
    Forbidden,

    /// <summary>The client went away, or stalled, before its request was complete.</summary>
    ClientLeft,
}
