using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Telepath.Protocol.Manager;
using Telepath.TrafficManager.Auth;
using Telepath.TrafficManager.Sessions;
using Telepath.TrafficManager.Tunnels;
using Telepath.Tunnels.Wire;

namespace Telepath.TrafficManager.Outbound;

/// <summary>
/// Serves one outbound tunnel (docs/protocol.md, "Outbound"): checks the session and the destination,
/// dials it inside the cluster, answers 200 with the address it reached or the dial's error, then
/// relays bytes. Bytes the laptop sent before the answer wait in the stream until the dial is done.
/// </summary>
internal sealed class OutboundEndpoint(
    SessionRegistry sessions,
    OutboundDialer dialer,
    IHostApplicationLifetime lifetime,
    ILogger<OutboundEndpoint> logger)
{
    private const int MaxHostLength = 253;

    public async Task HandleAsync(HttpContext context)
    {
        var (client, refusal) = TunnelCaller.Identify(context, sessions, SessionKind.Client);
        var host = TunnelCaller.Header(context, TunnelWire.HostHeader);
        var portText = TunnelCaller.Header(context, TunnelWire.PortHeader);
        if (refusal is null && !IsDestination(host, portText, out _))
        {
            refusal = TunnelRefusal.BadRequest($"invalid outbound destination \"{Printable(host)}:{Printable(portText)}\": expected a host and a port from 1 to 65535");
        }

        if (refusal is { } refused)
        {
            await refused.WriteAsync(context).ConfigureAwait(false);
            return;
        }

        _ = IsDestination(host, portText, out var port);
        var destination = $"{host}:{port}";
        var dial = await dialer.DialAsync(host, port, context.RequestAborted).ConfigureAwait(false);
        if (dial.Socket is not { } socket)
        {
            Log.OutboundRefused(logger, client!.Name, destination, dial.Error ?? TunnelErrorCode.HostUnreachable, dial.Message);
            await new TunnelRefusal(StatusOf(dial.Error), dial.Error ?? TunnelErrorCode.HostUnreachable, dial.Message).WriteAsync(context).ConfigureAwait(false);
            return;
        }

        using (socket)
        {
            var connectionId = Guid.NewGuid().ToString("N");
            Log.OutboundOpened(logger, connectionId, client!.Name, destination, dial.RemoteAddress);
            context.Response.Headers[TunnelWire.ConnectionHeader] = connectionId;
            context.Response.Headers[TunnelWire.RemoteAddressHeader] = dial.RemoteAddress;
            await context.Response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            var outcome = await SocketJoin.RunAsync(context, socket, lifetime.ApplicationStopping).ConfigureAwait(false);
            Log.OutboundEnded(logger, connectionId, destination, outcome);
        }
    }

    // A destination the policy refuses is the manager's choice, not a failure to reach it.
    private static int StatusOf(TunnelErrorCode? error) =>
        error == TunnelErrorCode.DestinationNotAllowed ? StatusCodes.Status403Forbidden : StatusCodes.Status502BadGateway;

    private static bool IsDestination(string host, string portText, out int port)
    {
        port = 0;
        return host.Length is > 0 and <= MaxHostLength
            && host.All(c => c > ' ' && c < 127)
            && int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port)
            && port is >= 1 and <= 65535;
    }

    private static string Printable(string text) =>
        new([.. text.Take(MaxHostLength).Select(c => char.IsControl(c) ? '?' : c)]);
}
