using Telepath.Protocol.Manager;

namespace Telepath.Tunnels.Streams;

/// <summary>The other end of a tunnel reported why it could not carry the connection, or cut it.</summary>
public sealed class TunnelException(TunnelErrorCode code, string message, Exception? inner = null) : IOException(message, inner)
{
    public TunnelErrorCode Code { get; } = code;

    /// <summary>Finds the tunnel's failure behind the wrappers HttpClient and proxies put around it.</summary>
    public static TunnelException? FindIn(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is TunnelException tunnel)
            {
                return tunnel;
            }

            if (e is AggregateException aggregate)
            {
                return aggregate.InnerExceptions.Select(FindIn).FirstOrDefault(t => t is not null);
            }
        }

        return null;
    }
}
