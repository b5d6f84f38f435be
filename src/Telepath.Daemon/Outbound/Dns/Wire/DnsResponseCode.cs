namespace Telepath.Daemon.Outbound.Dns.Wire;

/// <summary>RCODE values (RFC 1035 4.1.1) the resolver sends.</summary>
internal enum DnsResponseCode : byte
{
    NoError = 0,
    FormatError = 1,
    ServerFailure = 2,
    NameError = 3,
    NotImplemented = 4,
}
