using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Telepath.Bench.Processes;

/// <summary>A long-running `dotnet X.dll` (the manager, the agent) whose output is kept for waiting on its ready line and for failure messages.</summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly string _name;
    private readonly string? _logFile;
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(string name, Process process, string? logFile)
    {
        _name = name;
        _process = process;
        _logFile = logFile;
    }

    public int Id => _process.Id;

    /// <param name="logFile">Where its whole output is written when it is stopped, for a look at what it logged under load.</param>
    public static ChildProcess StartDotnet(string name, string dll, IEnumerable<string> arguments, string? logFile = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var child = new ChildProcess(name, process, logFile);
        process.OutputDataReceived += (_, e) => child.Add(e.Data);
        process.ErrorDataReceived += (_, e) => child.Add(e.Data);
        process.Exited += (_, _) => child._exited.TrySetResult();
        process.Start();
        PidLog.Add(process.Id);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits for a line matching <paramref name="pattern"/> (a ready line) and returns its match.</summary>
    public async Task<Match> WaitForLineAsync(Regex pattern, TimeSpan timeout, CancellationToken cancellationToken)
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
                throw new BenchException($"{_name} did not print a line matching /{pattern}/ (exited: {_process.HasExited}); it printed:\n{Output}");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    public string Output
    {
        get
        {
            lock (_lines)
            {
                return string.Join('\n', _lines.TakeLast(60));
            }
        }
    }

    /// <summary>SIGTERM first so it departs from the manager as in a normal shutdown; SIGKILL if it lingers.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var terminate = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await terminate.WaitForExitAsync();
            }

            if (await Task.WhenAny(_exited.Task, Task.Delay(TimeSpan.FromSeconds(5))) != _exited.Task)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
        if (_logFile is not null)
        {
            List<string> lines;
            lock (_lines)
            {
                lines = [.. _lines];
            }

            await File.WriteAllLinesAsync(_logFile, lines);
        }
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
