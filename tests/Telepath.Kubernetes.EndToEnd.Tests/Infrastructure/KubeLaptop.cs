using System.Diagnostics;
using Telepath.Testing.Laptops;

namespace Telepath.Kubernetes.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A developer's laptop: the real `telepath` CLI with its own HOME and XDG_RUNTIME_DIR (so its own
/// daemon) and KUBECONFIG pointing at the test cluster. Disposing it quits the daemon, and kills it
/// if it will not go.
/// </summary>
public sealed class KubeLaptop(string kubeconfig) : IAsyncDisposable
{
    private readonly CliHome _home = WithProxyOff(new CliHome(kubeconfig));

    public string Home => _home.Home;

    public string PidFile => _home.PidFile;

    public string DaemonLog => _home.DaemonLog;

    /// <summary>
    /// The simulated cluster shares this machine's network: transparent networking (nftables and
    /// resolv.conf) would change the machine's own. tests/Telepath.Network.Tests covers it inside
    /// network namespaces; here connect, list and intercept run with the proxy off.
    /// </summary>
    private static CliHome WithProxyOff(CliHome home)
    {
        Directory.CreateDirectory(Path.Combine(home.Home, ".config", "telepath"));
        File.WriteAllText(Path.Combine(home.Home, ".config", "telepath", "config.yml"), "proxy:\n  mode: off\n");
        return home;
    }

    public Task<ProcessResult> RunAsync(params string[] arguments) =>
        ProcessRunner.RunAsync("dotnet", [Executables.CliDll, .. arguments], _home.Environment, timeout: TimeSpan.FromSeconds(120));

    /// <summary>Runs a command that must succeed; a failure shows its output and the daemon's log.</summary>
    public async Task<ProcessResult> MustRunAsync(params string[] arguments)
    {
        var result = await RunAsync(arguments);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"the command failed\n{result}\n--- daemon.log (tail) ---\n{DaemonLogTail()}");
        }

        return result;
    }

    public string DaemonLogTail() => _home.DaemonLogTail();

    public async ValueTask DisposeAsync()
    {
        var pid = _home.RecordedDaemonPid;
        try
        {
            await ProcessRunner.RunAsync("dotnet", [Executables.CliDll, "quit"], _home.Environment, timeout: TimeSpan.FromSeconds(20));
        }
        catch (TimeoutException)
        {
            // Killed below.
        }

        if (pid is { } daemon)
        {
            KillIfAlive(daemon);
        }

        _home.Dispose();
    }

    private static void KillIfAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            if (!process.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                process.Kill();
            }
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // Gone already.
        }
    }
}
