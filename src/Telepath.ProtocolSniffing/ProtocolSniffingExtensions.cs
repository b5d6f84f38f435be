using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Telepath.ProtocolSniffing;

/// <summary>
/// One cleartext port that serves HTTP/1.1, HTTP/2 with prior knowledge and plain TCP.
/// Kestrel on .NET 10 serves a cleartext Http1AndHttp2 endpoint as HTTP/1.1 only, so the front
/// endpoint looks at each connection's first bytes and hands it, in process, to an HTTP/1.1-only or
/// an HTTP/2-only Kestrel pipeline, or to <c>onOther</c> (docs/agent-protocols.md).
/// </summary>
public static class ProtocolSniffingExtensions
{
    /// <summary>How long to wait for a client's first bytes before treating it as a server-speaks-first protocol.</summary>
    public static readonly TimeSpan FirstBytesTimeout = TimeSpan.FromMilliseconds(500);

    private static int s_nextId;

    /// <summary>Registers the in-process transport; call on the host's services before Kestrel binds.</summary>
    public static IServiceCollection AddProtocolSniffing(this IServiceCollection services)
    {
        services.TryAddSingleton<HandoffListenerFactory>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConnectionListenerFactory, HandoffListenerFactory>(sp => sp.GetRequiredService<HandoffListenerFactory>()));
        return services;
    }

    /// <param name="relayHttp1">
    /// Takes HTTP/1.x connections first, when given; it returns false to leave the rest of the
    /// connection (its next request still unread) to the HTTP/1.1 Kestrel pipeline.
    /// </param>
    /// <param name="claim">
    /// Tried first on every connection, before any byte is read (a global intercept takes the whole TCP
    /// connection whatever its protocol). Returns true when it has handled the connection.
    /// </param>
    public static void ListenWithProtocolSniffing(
        this KestrelServerOptions options,
        IPEndPoint endpoint,
        Func<ConnectionContext, Task> onOther,
        Action<ListenOptions>? configure = null,
        Func<ConnectionContext, Task<bool>>? claim = null,
        Func<ConnectionContext, Task<bool>>? relayHttp1 = null)
    {
        var id = Interlocked.Increment(ref s_nextId);
        var http1 = $"http1-{id}";
        var http2 = $"http2-{id}";
        options.Listen(new HandoffEndPoint(http1), o => o.Protocols = HttpProtocols.Http1);
        options.Listen(new HandoffEndPoint(http2), o => o.Protocols = HttpProtocols.Http2);
        options.Listen(endpoint, front =>
        {
            configure?.Invoke(front);
            var handoff = front.ApplicationServices.GetRequiredService<HandoffListenerFactory>();
            front.Use(_ => async connection =>
            {
                if (claim is not null && await claim(connection).ConfigureAwait(false))
                {
                    return;
                }

                switch (await SniffAsync(connection).ConfigureAwait(false))
                {
                    case SniffedProtocol.Http1:
                        if (relayHttp1 is null || !await relayHttp1(connection).ConfigureAwait(false))
                        {
                            await handoff.HandOffAsync(http1, connection).ConfigureAwait(false);
                        }

                        break;
                    case SniffedProtocol.Http2:
                        await handoff.HandOffAsync(http2, connection).ConfigureAwait(false);
                        break;
                    default:
                        await onOther(connection).ConfigureAwait(false);
                        break;
                }
            });
        });
    }

    private static async Task<SniffedProtocol> SniffAsync(ConnectionContext connection)
    {
        var input = connection.Transport.Input;
        // Only the timeout: Kestrel fires ConnectionClosed on the client's FIN as well, and a client that
        // sends its request and half-closes at once must still be sniffed as HTTP, not taken for a
        // silent one (which went to the app as raw TCP, whatever its headers said).
        using var timeout = new CancellationTokenSource(FirstBytesTimeout);
        while (true)
        {
            System.IO.Pipelines.ReadResult result;
            try
            {
                result = await input.ReadAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return SniffedProtocol.Other;
            }

            var buffer = result.Buffer;
            var protocol = ProtocolSniffer.Classify(buffer);
            if (protocol is not null || result.IsCompleted || result.IsCanceled)
            {
                // Consume and examine nothing, so the next reader sees these bytes at once.
                input.AdvanceTo(buffer.Start);
                return protocol ?? (buffer.IsEmpty ? SniffedProtocol.Other : SniffedProtocol.Http1);
            }

            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }
}
