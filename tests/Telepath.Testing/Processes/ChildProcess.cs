using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Telepath.Testing.Processes;

/// <summary>A long-running `dotnet X.dll` (the manager, an agent) whose output lines are kept for waiting on a ready line and for failure messages.</summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly string _name;
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(string name, Process process)
    {
        _name = name;
        _process = process;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines it printed, stdout and stderr interleaved.</summary>
    public string Output
    {
        get
        {
            lock (_lines)
            {
                return string.Join('\n', _lines.TakeLast(200));
            }
        }
    }

    /// <param name="started">Told the process id as soon as it runs, e.g. to record it for a cleanup.</param>
    /// <param name="environment">Variables to set (a null value removes one) on top of this process's.</param>
    public static ChildProcess StartDotnet(
        string name, string dll, IEnumerable<string> arguments, Action<int>? started = null, IReadOnlyDictionary<string, string?>? environment = null) =>
        Start(name, "dotnet", [dll, .. arguments], started, environment);

    /// <summary>Any long-running command, e.g. <c>ip netns exec NS ...</c>; see <see cref="StartDotnet"/>.</summary>
    public static ChildProcess Start(
        string name, string file, IEnumerable<string> arguments, Action<int>? started = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (variable, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[variable] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var child = new ChildProcess(name, process);
        process.OutputDataReceived += (_, e) => child.Add(e.Data);
        process.ErrorDataReceived += (_, e) => child.Add(e.Data);
        process.Exited += (_, _) => child._exited.TrySetResult();
        process.Start();
        started?.Invoke(process.Id);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits for a line matching <paramref name="pattern"/> (a ready line) and returns its match.</summary>
    /// <exception cref="InvalidOperationException">It exited, or printed no such line within <paramref name="timeout"/>.</exception>
    public async Task<Match> WaitForLineAsync(Regex pattern, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            lock (_lines)
            {
                foreach (var line in _lines)
                {
                    if (pattern.Match(line) is { Success: true } match)
                    {
                        return match;
                    }
                }
            }

            if (_process.HasExited || deadline.Elapsed >= timeout)
            {
                throw new InvalidOperationException($"{_name} did not print a line matching /{pattern}/ (exited: {_process.HasExited}); it printed:\n{Output}");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>Waits for it to end by itself and returns its exit code.</summary>
    /// <exception cref="TimeoutException">It still ran after <paramref name="timeout"/>, or a process it started still held its output open.</exception>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        if (await Task.WhenAny(_exited.Task, Task.Delay(timeout)) != _exited.Task)
        {
            throw new TimeoutException($"{_name} still ran after {timeout.TotalSeconds:0} s; it printed:\n{Output}");
        }

        // Exited fires before the redirected output is drained; this waits for both. A process it left
        // running with its stdout or stderr (a daemon, a helper) would make that wait endless.
        var drained = _process.WaitForExitAsync();
        if (await Task.WhenAny(drained, Task.Delay(timeout)) != drained)
        {
            throw new TimeoutException($"{_name} exited with code {_process.ExitCode}, but a process it started still held its output open {timeout.TotalSeconds:0} s later; it printed:\n{Output}");
        }

        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no goodbye to anyone, as when a pod is evicted.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM first, so it departs as in a normal shutdown; SIGKILL if it lingers past <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var terminate = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await terminate.WaitForExitAsync();
        }

        if (await Task.WhenAny(_exited.Task, Task.Delay(grace)) != _exited.Task)
        {
            await KillAsync();
        }
    }

    /// <summary>Writes every line it printed so far to <paramref name="path"/>, for a look at what it logged.</summary>
    public async Task WriteOutputAsync(string path)
    {
        List<string> lines;
        lock (_lines)
        {
            lines = [.. _lines];
        }

        await File.WriteAllLinesAsync(path, lines);
    }

    /// <summary>Kills it if it still runs (see <see cref="StopAsync"/> for a gentler end).</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException)
        {
            // It never started.
        }
        catch (TimeoutException)
        {
            // It is killed; a process it started still holds its output open. Thrown from here, this
            // would hide the failure that ended the test (WaitForExitAsync reports that case).
        }

        _process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Add(line);
        }
    }
}
