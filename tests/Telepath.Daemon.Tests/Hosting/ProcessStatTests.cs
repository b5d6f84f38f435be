using System.Diagnostics;
using Telepath.Daemon.Hosting;
using Telepath.Testing.Polling;

namespace Telepath.Daemon.Tests.Hosting;

public sealed class ProcessStatTests
{
    [Fact]
    public void This_process_runs_and_a_start_time_of_another_does_not_match_it()
    {
        var stat = ProcessStat.Read(Environment.ProcessId);

        Assert.NotNull(stat);
        Assert.False(stat.Value.Exited);
        Assert.True(ProcessStat.IsRunning(Environment.ProcessId, stat.Value.StartTime));
        Assert.False(ProcessStat.IsRunning(Environment.ProcessId, stat.Value.StartTime + "0"));
    }

    [Fact]
    public async Task A_child_that_exited_but_is_not_reaped_yet_counts_as_exited()
    {
        // A parent that forks a child which exits at once, then blocks on stdin without reaping it.
        const string Parent = "import os, sys\npid = os.fork()\nif pid == 0:\n    os._exit(0)\nprint(pid, flush=True)\nsys.stdin.read()\n";
        using var parent = Process.Start(new ProcessStartInfo("python3", ["-c", Parent])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        })!;
        var zombie = int.Parse((await parent.StandardOutput.ReadLineAsync())!, System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            await Poll.UntilAsync(() => ProcessStat.Read(zombie) is { Exited: true }, () => $"pid {zombie} is a zombie: {ProcessStat.Read(zombie)}");

            Assert.False(ProcessStat.IsRunning(zombie));
        }
        finally
        {
            parent.Kill();
        }
    }

    [Fact]
    public void A_process_that_is_gone_is_not_running()
    {
        Assert.False(ProcessStat.IsRunning(int.MaxValue));
        Assert.Null(ProcessStat.Read(int.MaxValue));
    }
}
