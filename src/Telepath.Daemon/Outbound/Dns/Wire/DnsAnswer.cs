using System.Net;

namespace Telepath.Daemon.Outbound.Dns.Wire;

/// <summary>An answer the resolver makes itself (not a forwarded one).</summary>
/// <param name="Addresses">The answer section: A and AAAA records for the question's name.</param>
/// <param name="SoaZone">The zone whose SOA goes in the authority section, so a negative answer is cached (RFC 2308); null for none.</param>
internal sealed record DnsAnswer(DnsResponseCode Code, IReadOnlyList<IPAddress> Addresses, string? SoaZone, bool Authoritative)
{
    public static DnsAnswer Failure(DnsResponseCode code) => new(code, [], null, false);
}
