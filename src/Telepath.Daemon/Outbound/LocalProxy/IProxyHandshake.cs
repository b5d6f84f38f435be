namespace Telepath.Daemon.Outbound.LocalProxy;

/// <summary>One proxy protocol's conversation with a client before its bytes are relayed.</summary>
internal interface IProxyHandshake
{
    /// <returns>Where the client wants to go; null when its request was refused (and it was told why).</returns>
    Task<ProxyDestination?> ReadRequestAsync(CancellationToken cancellationToken);

    /// <summary>Tells the client its connection is open; its next bytes go to the destination.</summary>
    Task AcceptAsync(CancellationToken cancellationToken);

    /// <summary>Tells the client why its connection could not be opened.</summary>
    Task RefuseAsync(OutboundFailure failure, string message, CancellationToken cancellationToken);

    /// <summary>Tells the client that it may not use this proxy at all, wherever it wants to go.</summary>
    Task ForbidAsync(string reason, CancellationToken cancellationToken);
}
