using System.Diagnostics;

namespace Telepath.Daemon.Tests.Outbound.RootHelper;

/// <summary>
/// A client of the helper's socket in a process of its own (socat, a client we did not write), so a
/// test can SIGKILL it as the kernel would end a crashed daemon, or run it as another user.
/// </summary>
public sealed class SocatClient : IAsyncDisposable
{
    private readonly Process _process;

    private SocatClient(Process process) => _process = process;

    /// <param name="asUser">Run through `setpriv` as this uid (and gid), e.g. 65534 for nobody.</param>
    public static SocatClient Start(string socketPath, int? asUser = null)
    {
        var start = new ProcessStartInfo(asUser is null ? "socat" : "setpriv")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asUser is { } uid)
        {
            foreach (var argument in new[] { $"--reuid={uid}", $"--regid={uid}", "--clear-groups", "socat" })
            {
                start.ArgumentList.Add(argument);
            }
        }

        start.ArgumentList.Add("-");
        start.ArgumentList.Add($"UNIX-CONNECT:{socketPath}");
        return new SocatClient(Process.Start(start)!);
    }

    /// <summary>Sends one line and returns the helper's answer line (null when it closed without one).</summary>
    public async Task<string?> AskAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
        return await ReadLineAsync();
    }

    /// <summary>The next line the helper sent (null when it closed).</summary>
    public async Task<string?> ReadLineAsync() =>
        await _process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>SIGKILL: the kernel closes its socket, as when a daemon crashes.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }
}
