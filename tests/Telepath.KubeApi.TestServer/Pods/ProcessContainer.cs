using System.Collections.Concurrent;
using System.Diagnostics;

namespace Telepath.KubeApi.TestServer.Pods;

/// <summary>A container that is a local process; its output is kept for the test to read.</summary>
public sealed class ProcessContainer : IRunningContainer
{
    private readonly Process process;

    private ProcessContainer(Process process, ConcurrentQueue<string> output)
    {
        this.process = process;
        Output = output;
        Exited = WaitAsync();
    }

    public Task<int> Exited { get; }

    /// <summary>Standard output and error lines, in arrival order.</summary>
    public ConcurrentQueue<string> Output { get; }

    /// <summary><c>dotnet DLL args...</c> with the container's environment and its listen ports on the pod IP.</summary>
    public static ProcessStartInfo Dotnet(string dllPath, ContainerLaunch launch)
    {
        var info = new ProcessStartInfo("dotnet") { ArgumentList = { dllPath } };
        foreach (var arg in launch.ArgsBoundToPodIp())
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in launch.Environment)
        {
            info.Environment[name] = value;
        }

        return info;
    }

    /// <param name="started">Told the process id as soon as it runs, e.g. to record it for a cleanup after a killed run.</param>
    public static ProcessContainer Start(ProcessStartInfo info, Action<int>? started = null)
    {
        info.UseShellExecute = false;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var output = new ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => Keep(output, e.Data);
        process.ErrorDataReceived += (_, e) => Keep(output, e.Data);
        process.Start();
        started?.Invoke(process.Id);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ProcessContainer(process, output);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }

        await Exited.WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);
        process.Dispose();
    }

    private static void Keep(ConcurrentQueue<string> output, string? line)
    {
        if (line is not null)
        {
            output.Enqueue(line);
        }
    }

    private async Task<int> WaitAsync()
    {
        await process.WaitForExitAsync();
        return process.ExitCode;
    }
}
