using System.Diagnostics;
using Telepath.Daemon.Outbound.RootHelper;
using Telepath.Testing.Processes;

namespace Telepath.Daemon.Tests.Outbound.RootHelper;

/// <summary>The real helper (the built telepath executable) started by the real launcher inside a namespace, killed at the end if it still runs.</summary>
public sealed class HelperInNamespace : IAsyncDisposable
{
    private readonly DirectoryInfo _directory;

    private HelperInNamespace(DirectoryInfo directory, NetworkHelperStarted started)
    {
        _directory = directory;
        Started = started;
    }

    public NetworkHelperStarted Started { get; }

    public string SocketPath => Started.SocketPath;

    public static async Task<HelperInNamespace> StartAsync(NetNamespace network)
    {
        // Traversable by everyone, so that a process of another user reaches the socket and the helper's own check is what refuses it.
        var directory = Directory.CreateTempSubdirectory("telepath-helper-");
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("the network helper runs on Linux only");
        }

        File.SetUnixFileMode(directory.FullName, (UnixFileMode)Convert.ToInt32("755", 8));
        var command = new NetworkHelperCommand("ip", ["netns", "exec", network.Name, "dotnet", Executables.CliDll]);
        var started = await NetworkHelperLauncher.StartAsync(command, Path.Combine(directory.FullName, "network.sock"), TimeSpan.FromSeconds(60));
        return new HelperInNamespace(directory, started);
    }

    public Task<NetworkHelperClient> ConnectAsync() => NetworkHelperClient.ConnectAsync(SocketPath, CancellationToken.None);

    public bool HasExited
    {
        get
        {
            try
            {
                using var process = Process.GetProcessById(Started.ProcessId);
                return process.HasExited;
            }
            catch (ArgumentException)
            {
                return true;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var process = Process.GetProcessById(Started.ProcessId);
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // Already gone, as it should be.
        }

        _directory.Delete(recursive: true);
    }
}
