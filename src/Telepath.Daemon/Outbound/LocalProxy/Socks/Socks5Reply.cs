namespace Telepath.Daemon.Outbound.LocalProxy.Socks;

/// <summary>The REP field of a SOCKS5 reply (RFC 1928, section 6).</summary>
internal enum Socks5Reply : byte
{
    Succeeded = 0x00,
    GeneralFailure = 0x01,
    NotAllowedByRuleset = 0x02,
    HostUnreachable = 0x04,
    ConnectionRefused = 0x05,
    CommandNotSupported = 0x07,
    AddressTypeNotSupported = 0x08,
}

internal static class Socks5Replies
{
    // A name the cluster does not know is, to a SOCKS client, a host it cannot reach; so is a timeout
    // (0x06 "TTL expired" would mislead). Only a manager that cannot be reached is a general failure.
    public static Socks5Reply For(OutboundFailure failure) => failure switch
    {
        OutboundFailure.ConnectionRefused => Socks5Reply.ConnectionRefused,
        OutboundFailure.NotAllowed => Socks5Reply.NotAllowedByRuleset,
        OutboundFailure.NameNotFound or OutboundFailure.TimedOut or OutboundFailure.HostUnreachable => Socks5Reply.HostUnreachable,
        _ => Socks5Reply.GeneralFailure,
    };
}
