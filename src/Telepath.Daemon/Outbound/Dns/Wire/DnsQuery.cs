namespace Telepath.Daemon.Outbound.Dns.Wire;

/// <summary>One question as a client asked it.</summary>
/// <param name="Labels">The name's labels with the case the client used (RFC 4343: the answer echoes it).</param>
/// <param name="MaxUdpSize">What the client can take over UDP: 512, or the EDNS payload size it announced.</param>
internal sealed record DnsQuery(ushort Id, bool RecursionDesired, IReadOnlyList<string> Labels, ushort Type, ushort Class, bool HasEdns, int MaxUdpSize)
{
    /// <summary>The name in lower case, labels joined by dots, no trailing dot ("" for the root).</summary>
    public string Name { get; } = string.Join('.', Labels).ToLowerInvariant();
}
