using System.Diagnostics;
using System.Text.RegularExpressions;
using Telepath.Core;

namespace Telepath.Cli.Commands.Demo;

/// <summary>
/// One server-side process of the demo (the manager, the agent, a sample app, the hub). Everything it
/// prints goes to its log in the demo's folder; it is ready when it prints "... listening on ADDRESS".
/// Disposing stops it: SIGTERM, so it departs as in a normal shutdown, then SIGKILL if it lingers.
/// </summary>
internal sealed partial class DemoProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _pumps;

    private DemoProcess(string description, string logPath, Process process, StreamWriter log)
    {
        Description = description;
        LogPath = logPath;
        _process = process;
        _log = log;
        _pumps = Task.WhenAll(PumpAsync(process.StandardOutput, readyLines: true), PumpAsync(process.StandardError, readyLines: false));
    }

    /// <summary>What the error lines call it: the executable and its arguments' first word, e.g. "telepath-server manager".</summary>
    public string Description { get; }

    public string LogPath { get; }

    public int Id => _process.Id;

    /// <summary>Starts it and waits for its ready line; returns the address it printed.</summary>
    /// <exception cref="UserErrorException">It could not start, exited, or did not get ready: one line naming it and its log.</exception>
    public static async Task<(DemoProcess Process, string Address)> StartAsync(
        DemoExecutable executable, string description, string logPath, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(executable.Host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(logPath)!,
        };
        start.ArgumentList.Add(executable.Dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // A demo on loopback never reaches the user's cluster: the manager would watch whatever these name.
        start.Environment.Remove("KUBECONFIG");
        start.Environment.Remove("KUBERNETES_SERVICE_HOST");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var log = new StreamWriter(logPath) { AutoFlush = true };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException)
        {
            await log.DisposeAsync();
            throw new UserErrorException($"the demo could not start {description} ({executable.Dll}): {e.Message}; its log: {logPath}");
        }

        process.StandardInput.Close();
        var child = new DemoProcess(description, logPath, process, log);
        try
        {
            return (child, await child.WaitUntilReadyAsync(cancellationToken));
        }
        catch
        {
            await child.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            ChildSignals.Terminate(_process.Id);
            using var grace = new CancellationTokenSource(StopGrace);
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        await _pumps;
        await _log.DisposeAsync();
        _process.Dispose();
    }

    private async Task<string> WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ReadyTimeout);
        var exited = _process.WaitForExitAsync(timeout.Token);
        var first = await Task.WhenAny(_ready.Task, exited);
        if (first == _ready.Task)
        {
            return await _ready.Task;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var why = _process.HasExited
            ? $"it exited with code {_process.ExitCode} before it was ready"
            : $"it did not say it was listening within {ReadyTimeout.TotalSeconds:0} s";
        throw new UserErrorException($"the demo could not start {Description}: {why}; its log: {LogPath}");
    }

    private async Task PumpAsync(StreamReader output, bool readyLines)
    {
        while (await output.ReadLineAsync() is { } line)
        {
            lock (_log)
            {
                _log.WriteLine(line);
            }

            if (readyLines && ReadyLine().Match(line) is { Success: true } match)
            {
                _ready.TrySetResult(match.Groups[1].Value);
            }
        }
    }

    [GeneratedRegex(@"^telepath-[a-z]+ listening on (\S+)$")]
    private static partial Regex ReadyLine();
}
