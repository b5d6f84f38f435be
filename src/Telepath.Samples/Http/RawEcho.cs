using Microsoft.AspNetCore.Connections;

namespace Telepath.Samples.Http;

/// <summary>Bytes that are not HTTP come back as they are, so tests can check that plain TCP gets through.</summary>
internal static class RawEcho
{
    public static async Task RunAsync(ConnectionContext connection)
    {
        // Not ConnectionClosed as a token: Kestrel fires it on the client's half-close (FIN), and the
        // echo must still write back what came before it.
        try
        {
            await connection.Transport.Input.CopyToAsync(connection.Transport.Output);
        }
        catch (ConnectionResetException)
        {
            // The peer went away.
        }
        catch (ConnectionAbortedException)
        {
            // The peer went away.
        }
    }
}
