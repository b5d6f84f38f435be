using Microsoft.AspNetCore.Connections;

namespace Telepath.Samples.Http;

/// <summary>Bytes that are not HTTP come back as they are, so tests can check that plain TCP gets through.</summary>
internal static class RawEcho
{
    public static async Task RunAsync(ConnectionContext connection)
    {
        try
        {
            await connection.Transport.Input.CopyToAsync(connection.Transport.Output, connection.ConnectionClosed);
        }
        catch (OperationCanceledException)
        {
            // The peer went away.
        }
        catch (ConnectionResetException)
        {
            // The peer went away.
        }
    }
}
