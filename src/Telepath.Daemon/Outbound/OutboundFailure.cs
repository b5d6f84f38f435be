namespace Telepath.Daemon.Outbound;

/// <summary>Why an outbound connection could not be opened; each maps to a SOCKS reply code and an HTTP status.</summary>
public enum OutboundFailure
{
    /// <summary>The manager's resolver does not know the name.</summary>
    NameNotFound,

    /// <summary>Nothing listens at the destination.</summary>
    ConnectionRefused,

    /// <summary>The destination, or the manager, did not answer in time.</summary>
    TimedOut,

    /// <summary>No route to the destination, or another failure to connect.</summary>
    HostUnreachable,

    /// <summary>The manager does not dial that address for laptops (loopback, link-local, its own) unless its administrator allows it.</summary>
    NotAllowed,

    /// <summary>The traffic manager could not be reached or refused the call.</summary>
    ManagerUnavailable,
}
