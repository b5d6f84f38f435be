namespace Telepath.Daemon.Outbound.Dns.Wire;

/// <summary>What a received packet turned out to be: a query to answer, one to refuse with a code, or bytes to drop.</summary>
internal readonly record struct DnsParseResult(DnsQuery? Query, DnsResponseCode Refusal, ushort Id, bool Drop)
{
    public static DnsParseResult Ok(DnsQuery query) => new(query, DnsResponseCode.NoError, query.Id, false);

    /// <summary>The header could be read, so the client gets an answer with <paramref name="code"/> and no question.</summary>
    public static DnsParseResult Refuse(ushort id, DnsResponseCode code) => new(null, code, id, false);

    /// <summary>Not even a header, or a response: nothing to answer.</summary>
    public static DnsParseResult Ignore() => new(null, DnsResponseCode.FormatError, 0, true);
}
