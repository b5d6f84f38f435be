using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Telepath.Daemon.Outbound.RootHelper;

/// <summary>
/// The helper's listening Unix socket: owned by the user it serves and usable by nobody else (mode 0600).
/// The helper is root and the path comes from the command line, so it never removes or follows what is
/// there: the mode is set by the umask at creation rather than by a chmod, and the owner by lchown, so a
/// path swapped for a symlink cannot redirect either to another file. A stale socket is removed by the
/// launcher, as the user, before the helper starts.
/// </summary>
internal static partial class HelperSocket
{
    private const uint OwnerOnly = 0x7F; // 0177: no execute for the owner, nothing for group and others.

    /// <exception cref="IOException">The path cannot be bound or given to the user.</exception>
    public static Socket Listen(string path, uint userId)
    {
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        var umaskBefore = umask(OwnerOnly);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(path));
            if (lchown(path, userId, uint.MaxValue) != 0)
            {
                throw new IOException($"cannot give {path} to user {userId} (errno {Marshal.GetLastPInvokeError()})");
            }

            listener.Listen(16);
            return listener;
        }
        catch (SocketException e)
        {
            listener.Dispose();
            throw new IOException(e.SocketErrorCode == SocketError.AddressAlreadyInUse
                ? $"{path} already exists; remove it (a socket left by an earlier helper) and start again"
                : $"cannot listen on {path}: {e.Message}", e);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
        finally
        {
            umask(umaskBefore);
        }
    }

    [LibraryImport("libc")]
    private static partial uint umask(uint mask);

    // gid (gid_t)-1 leaves the group as it is.
    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int lchown(string path, uint owner, uint group);
}
