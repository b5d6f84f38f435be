using System.Net;
using System.Net.Sockets;
using Tmds.DBus.Protocol;

namespace Telepath.Daemon.Outbound.RootHelper.Resolved;

/// <summary>
/// systemd-resolved's D-Bus API (org.freedesktop.resolve1.Manager, see org.freedesktop.resolve1(5)): the
/// per-link DNS settings that make it send the cluster's domains to Telepath's resolver and nothing else.
/// The helper is root, which resolved allows without asking polkit.
/// </summary>
public sealed class ResolvedBus : IDisposable
{
    private const string Service = "org.freedesktop.resolve1";
    private const string ObjectPath = "/org/freedesktop/resolve1";
    private const string Manager = "org.freedesktop.resolve1.Manager";

    private readonly DBusConnection _connection;

    // By reference: the writer is a struct, and arguments written to a copy of it would never reach the message.
    private delegate void WriteArguments(ref MessageWriter writer);

    private ResolvedBus(DBusConnection connection) => _connection = connection;

    /// <returns>No bus when there is no system bus or no resolved on it, and why not.</returns>
    public static async Task<(ResolvedBus? Bus, string? Why)> ConnectAsync(string? address = null)
    {
        address ??= DBusAddress.System;
        if (string.IsNullOrEmpty(address))
        {
            return (null, "no D-Bus system bus address");
        }

        var connection = new DBusConnection(address);
        try
        {
            await connection.ConnectAsync().ConfigureAwait(false);
            var bus = new ResolvedBus(connection);
            await bus.CallAsync("org.freedesktop.DBus.Peer", "Ping", null, (ref MessageWriter _) => { }).ConfigureAwait(false);
            return (bus, null);
        }
        catch (Exception e) when (e is DBusExceptionBase or IOException or SocketException)
        {
            connection.Dispose();
            return (null, $"systemd-resolved is not reachable on the system bus ({e.Message})");
        }
    }

    /// <summary>
    /// Sends <paramref name="routeDomains"/> (and names under them) and the <paramref name="searchDomains"/>
    /// to <paramref name="dns"/> through link <paramref name="linkIndex"/>, and no other name: the link is not a default route.
    /// </summary>
    public async Task SetLinkAsync(int linkIndex, IPAddress dns, IReadOnlyList<string> routeDomains, IReadOnlyList<string> searchDomains)
    {
        await CallAsync(Manager, "SetLinkDNS", "ia(iay)", (ref MessageWriter writer) =>
        {
            writer.WriteInt32(linkIndex);
            var servers = writer.WriteArrayStart(DBusType.Struct);
            writer.WriteStructureStart();
            writer.WriteInt32((int)AddressFamily.InterNetwork);
            writer.WriteArray(dns.GetAddressBytes());
            writer.WriteArrayEnd(servers);
        }).ConfigureAwait(false);

        await CallAsync(Manager, "SetLinkDomains", "ia(sb)", (ref MessageWriter writer) =>
        {
            writer.WriteInt32(linkIndex);
            var domains = writer.WriteArrayStart(DBusType.Struct);
            foreach (var search in searchDomains)
            {
                writer.WriteStructureStart();
                writer.WriteString(search);
                writer.WriteBool(false);
            }

            foreach (var route in routeDomains.Except(searchDomains, StringComparer.OrdinalIgnoreCase))
            {
                writer.WriteStructureStart();
                writer.WriteString(route);
                writer.WriteBool(true);
            }

            writer.WriteArrayEnd(domains);
        }).ConfigureAwait(false);

        await CallAsync(Manager, "SetLinkDefaultRoute", "ib", (ref MessageWriter writer) =>
        {
            writer.WriteInt32(linkIndex);
            writer.WriteBool(false);
        }).ConfigureAwait(false);

        // Multicast name resolution on a link that carries nothing would only add delay to single-label lookups.
        foreach (var method in new[] { "SetLinkLLMNR", "SetLinkMulticastDNS" })
        {
            await CallAsync(Manager, method, "is", (ref MessageWriter writer) =>
            {
                writer.WriteInt32(linkIndex);
                writer.WriteString("no");
            }).ConfigureAwait(false);
        }

        // Names looked up before (a negative answer for orders.shop, say) must not outlive the change.
        await CallAsync(Manager, "FlushCaches", null, (ref MessageWriter _) => { }).ConfigureAwait(false);
    }

    /// <summary>The user systemd-resolved runs as, from the bus (which the kernel told at its connection): its queries to
    /// Telepath's resolver come from that user, not from the user who looked a name up.</summary>
    public Task<uint> UserIdAsync() =>
        _connection.CallMethodAsync(
            Message("org.freedesktop.DBus", "GetConnectionUnixUser", "s", (ref MessageWriter writer) => writer.WriteString(Service), "org.freedesktop.DBus", "/org/freedesktop/DBus"),
            static (Message reply, object? _) => reply.GetBodyReader().ReadUInt32(),
            null);

    /// <summary>Drops every setting of the link; resolved then treats it as if Telepath had never touched it.</summary>
    public Task RevertLinkAsync(int linkIndex) =>
        CallAsync(Manager, "RevertLink", "i", (ref MessageWriter writer) => writer.WriteInt32(linkIndex));

    public void Dispose() => _connection.Dispose();

    private Task CallAsync(string @interface, string member, string? signature, WriteArguments arguments) =>
        _connection.CallMethodAsync(Message(@interface, member, signature, arguments));

    private MessageBuffer Message(string @interface, string member, string? signature, WriteArguments arguments, string destination = Service, string path = ObjectPath)
    {
        var writer = _connection.GetMessageWriter();
        try
        {
            writer.WriteMethodCallHeader(destination: destination, path: path, @interface: @interface, member: member, signature: signature);
            arguments(ref writer);
            return writer.CreateMessage();
        }
        finally
        {
            writer.Dispose();
        }
    }
}
