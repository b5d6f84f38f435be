using System.Globalization;
using Telepath.Bench.Cluster;
using Telepath.Bench.Load;
using Telepath.Bench.Processes;
using Telepath.Bench.Report;
using Telepath.Testing.Processes;

using Executables = Telepath.Bench.Processes.Executables;

namespace Telepath.Bench.Watch;

/// <summary>
/// Issue 16: a watcher must not slow the data path. Keep-alive 1 KiB GETs (wrk -t1 -c16) through a
/// personal intercept, row (d), in one run: with no watcher, with `telepath watch --all --output json`
/// writing to /dev/null, and with the same watcher writing into a FIFO that nobody reads (it holds the
/// read end itself and never reads it, so once the pipe's 64 KiB are full its writes block and it stops
/// reading its stream). No watcher is measured first and again last; the ratios are to their mean.
/// </summary>
internal sealed class WatchBench(string workDirectory, Action<string> progress)
{
    private const string Workload = "orders";
    private const string PersonalName = "bench-watch";
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan AttachTime = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan FirstWarmUp = TimeSpan.FromSeconds(5);
    private const int Rounds = 2;
    public const string NoWatcher = "no watcher";
    public const string Reading = "watcher reading (> /dev/null)";
    public const string NotReading = "watcher not reading (full FIFO)";

    public async Task<WatchFigures> RunAsync(CancellationToken cancellationToken)
    {
        progress("watch: starting the apps, the traffic manager and the agent");
        var clusterDirectory = Directory.CreateDirectory(Path.Combine(workDirectory, "watch-cluster")).FullName;
        await using var cluster = await BenchCluster.StartAsync(clusterDirectory, cancellationToken);
        await using var laptop = new Laptop(Path.Combine(workDirectory, "watch-laptop"));
        progress("watch: telepath connect, personal intercept");
        await laptop.MustRunAsync(cancellationToken, "connect", "--manager", cluster.Manager.ToString(), "--token-file", cluster.TokenFile);
        await laptop.MustRunAsync(cancellationToken, "intercept", Workload, "--port", $"{cluster.LaptopApp.Port}", "--name", PersonalName,
            "--http-header", $"{Target.BenchHeaderName}={Target.BenchHeaderValue}");
        var target = new Target("(d)", "personal intercept", cluster.Agent, BenchCluster.LaptopName);
        await RouteCheck.WaitForAsync(target, BenchCluster.LaptopName, withHeader: true, cancellationToken);
        await RouteCheck.WaitForAsync(target, BenchCluster.ClusterName, withHeader: false, cancellationToken);

        // The path's code is compiled and its pools filled before the first measured run.
        progress($"watch: warming up (d) for {FirstWarmUp.TotalSeconds:0} s");
        await Wrk.ThroughputAsync(target, FirstWarmUp, cancellationToken);

        var runs = new List<WatchRun>();
        var pipeBytes = new List<long>();
        for (var round = 1; round <= Rounds; round++)
        {
            runs.Add(await MeasureAsync(target, NoWatcher, round, null, cancellationToken));

            var reading = StartWatcher(laptop, "watch (reading)", "exec dotnet \"$0\" watch --all --output json >/dev/null");
            await using (reading)
            {
                runs.Add(await MeasureAsync(target, Reading, round, reading, cancellationToken));
            }

            var fifo = Path.Combine(workDirectory, $"watch{round}.fifo");
            var stalled = StartWatcher(laptop, "watch (stalled)", "mkfifo \"$1\" && exec 3<>\"$1\" && exec dotnet \"$0\" watch --all --output json >\"$1\"", fifo);
            await using (stalled)
            {
                runs.Add(await MeasureAsync(target, NotReading, round, stalled, cancellationToken));
                pipeBytes.Add(PipeFill(stalled.Id));
            }
        }

        await laptop.MustRunAsync(cancellationToken, "leave", PersonalName);
        return new WatchFigures(runs, pipeBytes);
    }

    private static ChildProcess StartWatcher(Laptop laptop, string name, string script, params string[] more) =>
        ChildProcess.Start(name, "/bin/sh", ["-c", script, Executables.CliDll, .. more], PidLog.Add, laptop.Environment);

    private async Task<WatchRun> MeasureAsync(Target target, string what, int round, ChildProcess? watcher, CancellationToken cancellationToken)
    {
        if (watcher is not null)
        {
            // Time for the CLI to start and its stream to reach the agent; the warm-up then fills a stalled watcher's pipe.
            await Task.Delay(AttachTime, cancellationToken);
        }

        progress($"watch: round {round}, {what}: warming up, then wrk, 16 keep-alive connections, {Duration.TotalSeconds:0} s");
        await Wrk.ThroughputAsync(target, WarmUp, cancellationToken);
        var cpuBefore = watcher is null ? 0 : CpuSeconds(watcher.Id);
        var throughput = await Wrk.ThroughputAsync(target, Duration, cancellationToken);
        var cpu = watcher is null ? (double?)null : CpuSeconds(watcher.Id) - cpuBefore;
        if (watcher is { HasExited: true })
        {
            throw new BenchException($"the watcher ({what}) exited during the run:\n{watcher.Output}");
        }

        return new WatchRun(what, round, throughput.RequestsPerSecond, cpu, Machine.LoadAverage());
    }

    /// <summary>user + system CPU seconds of a process, from /proc/PID/stat.</summary>
    private static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    /// <summary>How many bytes wait in the stalled watcher's FIFO (its fd 3, the read end it never reads): 65536 when full.</summary>
    private static long PipeFill(int pid)
    {
        try
        {
            using var stream = new FileStream($"/proc/{pid}/fd/3", FileMode.Open, FileAccess.Read);
            var buffer = new byte[1 << 20];
            return stream.Read(buffer, 0, buffer.Length);
        }
        catch (IOException)
        {
            return -1;
        }
        catch (UnauthorizedAccessException)
        {
            return -1;
        }
    }
}

internal sealed record WatchRun(string What, int Round, double RequestsPerSecond, double? WatcherCpuSeconds, double? LoadAfter);

internal sealed record WatchFigures(List<WatchRun> Runs, List<long> StalledPipeBytes)
{
    public void Print(TextWriter output)
    {
        var baseline = Runs.Where(r => r.What == WatchBench.NoWatcher).Average(r => r.RequestsPerSecond);
        output.WriteLine("Watch (issue 16): keep-alive GET of 1 KiB through (d) personal intercept, wrk -t1 -c16 -d5s after 2 s of warm-up each");
        output.WriteLine("                                       req/s, mean   x no watcher   runs (in the order measured)");
        foreach (var what in new[] { WatchBench.NoWatcher, WatchBench.Reading, WatchBench.NotReading })
        {
            var runs = Runs.Where(r => r.What == what).ToList();
            var mean = runs.Average(r => r.RequestsPerSecond);
            output.WriteLine($"  {what,-34} {mean,11:0}   {mean / baseline,12:0.00}   {string.Join("  ", runs.Select(r => $"{r.RequestsPerSecond:0}"))}");
        }

        output.WriteLine("  runs in order (round, what, req/s, the watcher's CPU seconds during the 5 s, load average after):");
        output.WriteLine("    " + string.Join("; ", Runs.Select(r =>
            $"{r.Round} {r.What.Split(' ')[0]}{(r.What == WatchBench.NotReading ? " not reading" : r.What == WatchBench.Reading ? " reading" : "")} {r.RequestsPerSecond:0}"
            + (r.WatcherCpuSeconds is { } c ? $" cpu {c:0.00} s" : "") + $" load {r.LoadAfter:0.0}")));
        output.WriteLine("  watchers: telepath watch --all --output json; the one not reading writes into a FIFO whose read end it holds and never reads");
        output.WriteLine($"  bytes waiting in the unread FIFO after each of its runs: {string.Join(", ", StalledPipeBytes)} (a pipe holds 65536: near that, the watcher's writes blocked and it stopped reading its stream)");
    }
}
