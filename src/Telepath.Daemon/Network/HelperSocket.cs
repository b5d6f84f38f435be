using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Telepath.Daemon.Network;

/// <summary>The helper's listening Unix socket: owned by the user it serves and readable by nobody else (mode 0600).</summary>
internal static partial class HelperSocket
{
    /// <exception cref="IOException">The path cannot be bound or given to the user.</exception>
    public static Socket Listen(string path, uint userId)
    {
        // A socket file left by an earlier helper that was killed would make bind fail.
        if (File.Exists(path))
        {
            File.Delete(path);
        }

        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(path));
            if (OperatingSystem.IsWindows())
            {
                throw new PlatformNotSupportedException("the network helper runs on Linux only");
            }

            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            if (chown(path, userId, uint.MaxValue) != 0)
            {
                throw new IOException($"cannot give {path} to user {userId} (errno {Marshal.GetLastPInvokeError()})");
            }

            listener.Listen(16);
            return listener;
        }
        catch (SocketException e)
        {
            listener.Dispose();
            throw new IOException($"cannot listen on {path}: {e.Message}", e);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }

    // gid (uid_t)-1 leaves the group as it is.
    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int chown(string path, uint owner, uint group);
}
