namespace Telepath.Daemon.Outbound.Dns.Wire;

/// <summary>The record types the resolver answers itself; every other type is only ever forwarded or answered empty.</summary>
internal static class DnsType
{
    public const ushort A = 1;
    public const ushort Soa = 6;
    public const ushort Aaaa = 28;
    public const ushort Opt = 41;
    public const ushort Any = 255;

    public const ushort ClassInternet = 1;
}
