using System.Runtime.InteropServices;

namespace Telepath.Daemon.Tests.Outbound.Transparent;

/// <summary>
/// Runs code on a thread of its own that first joins a network namespace (setns): a socket stays in
/// the namespace it was created in, so a listener made there serves that namespace's processes while
/// the rest of the test process stays in the machine's own network.
/// </summary>
internal static partial class InNamespace
{
    private const int CloneNewNet = 0x40000000;

    public static T Create<T>(string networkNamespace, Func<T> create)
    {
        T? created = default;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var handle = File.OpenHandle($"/run/netns/{networkNamespace}");
                if (setns((int)handle.DangerousGetHandle(), CloneNewNet) != 0)
                {
                    throw new IOException($"setns into {networkNamespace} failed (errno {Marshal.GetLastPInvokeError()})");
                }

                created = create();
            }
            catch (Exception e)
            {
                failure = e;
            }
        });

        // The thread ends here and takes the namespace with it; only what it created stays there.
        thread.Start();
        thread.Join();
        return failure is null ? created! : throw new InvalidOperationException($"could not create it in {networkNamespace}", failure);
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setns(int fd, int nstype);
}
