using System.Collections.Concurrent;
using System.Diagnostics;
using Telepath.Bench.Processes;

namespace Telepath.Bench.Kube;

/// <summary>
/// A pod's container run as a local process. Unlike the test server's own ProcessContainer, its id
/// goes to the <see cref="PidLog"/> (so run.sh can kill it after a killed bench) and its output is
/// kept in a file beside the run, as the rows' manager.log and agent.log are.
/// </summary>
internal sealed class PodProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly string _logFile;

    private PodProcess(Process process, string logFile)
    {
        _process = process;
        _logFile = logFile;
    }

    /// <summary>The last lines it printed, for a failure message.</summary>
    public string Tail => string.Join('\n', _output.TakeLast(20));

    public static PodProcess Start(ProcessStartInfo info, string logFile)
    {
        info.UseShellExecute = false;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var pod = new PodProcess(process, logFile);
        process.OutputDataReceived += (_, e) => pod.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => pod.Keep(e.Data);
        process.Start();
        PidLog.Add(process.Id);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return pod;
    }

    /// <summary>Its exit code once it stops by itself; cancelled when the pod goes first.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken);
        return _process.ExitCode;
    }

    /// <summary>Kills it as a deleted pod's container is (the test server gives no grace period either) and writes its output.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
            // Already gone, or it would not die: nothing more this process can do about it.
        }

        _process.Dispose();
        await File.WriteAllLinesAsync(_logFile, _output, CancellationToken.None);
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }
}
