using Telepath.Bench.Cluster;
using Telepath.Bench.Far;
using Telepath.Bench.Kube;
using Telepath.Bench.Load;
using Telepath.Bench.Outbound;
using Telepath.Bench.Report;
using Telepath.Bench.Watch;

namespace Telepath.Bench;

/// <summary>
/// One run: rows (a) direct to the app, (b) through the agent with no intercept, (c) a global
/// intercept, (d) a personal intercept, then the Kubernetes section (connect and intercept through a
/// kubeconfig), then the outbound section (the laptop reaching the cluster through Telepath in network
/// namespaces), then the far laptop section (bulk transfers to a laptop 20 ms away); then the table, the
/// CLI wall times, the Kubernetes, outbound and far laptop tables, the nginx anchors and issue 11's aims.
/// </summary>
internal sealed class BenchRun(BenchOptions options, string workDirectory, TextWriter output, Action<string> progress)
{
    private const string Workload = "orders";
    private const string PersonalName = "bench-personal";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var machine = Machine.Describe();
        progress($"machine: {machine}");
        var loadBefore = Machine.LoadAverage();
        if (loadBefore > Environment.ProcessorCount / 2.0)
        {
            progress($"WARNING: load average {loadBefore:0.0} on {Environment.ProcessorCount} CPUs: other work is running, the figures will not be comparable");
        }

        (List<RowResult> Rows, CliTimings Timings)? rows = options.Rows ? await MeasureRowsAsync(cancellationToken) : null;
        var kube = options.Kube ? await new KubeBench(options.KubeRuns, workDirectory, progress).RunAsync(cancellationToken) : null;
        var outbound = options.Outbound ? await new OutboundBench(progress).RunAsync(cancellationToken) : null;
        var far = options.Far ? await new FarBench(options.UploadBytes, workDirectory, progress).RunAsync(cancellationToken) : null;
        var watch = options.Watch ? await new WatchBench(workDirectory, progress).RunAsync(cancellationToken) : null;

        output.WriteLine();
        output.WriteLine($"Telepath bench, {machine}");
        output.WriteLine($"load average (1 min) before the run {loadBefore:0.00}, after {Machine.LoadAverage():0.00}; the bench itself adds up to about 2");
        if (rows is not null)
        {
            output.WriteLine();
            ResultTable.Print(output, rows.Value.Rows, options.UploadBytes);
            output.WriteLine();
            CpuTable.Print(output, rows.Value.Rows);
            output.WriteLine();
            rows.Value.Timings.Print(output);
        }

        if (kube is not null)
        {
            output.WriteLine();
            kube.Print(output);
        }

        if (outbound is not null)
        {
            output.WriteLine();
            outbound.Print(output);
        }

        if (far is not null)
        {
            output.WriteLine();
            far.Print(output);
        }

        if (watch is not null)
        {
            output.WriteLine();
            watch.Print(output);
        }

        // The anchors are the yardstick of the throughput figures, which the rows and the outbound section have.
        NginxAnchors? anchors = null;
        var noAnchors = !options.Anchors ? "no nginx anchors (--no-anchors)" : "no nginx anchors (../shared/bench/nginx-anchors.sh is missing)";
        if ((rows is not null || outbound is { SkipReason: null }) && options.Anchors && Anchors.ScriptPath() is { } script)
        {
            progress($"running {script}");
            output.WriteLine();
            anchors = await Anchors.PrintAsync(output, script, cancellationToken);
            noAnchors = "the nginx anchors printed no figures";
        }

        // Issue 11's aims concern the data plane: the rows, the outbound and the far laptop sections.
        if (rows is not null || outbound is not null || far is not null)
        {
            output.WriteLine();
            Aim.PrintAll(output, IssueAims.Judge(rows?.Rows, outbound, far, anchors, noAnchors));
        }
    }

    /// <summary>Rows (a)-(d) and the CLI wall times taken on the way; everything they started is stopped when this returns.</summary>
    private async Task<(List<RowResult> Rows, CliTimings Timings)> MeasureRowsAsync(CancellationToken cancellationToken)
    {
        progress($"writing a {options.UploadBytes / 1_000_000} MB upload file");
        var upload = await UploadFile.CreateAsync(Path.Combine(workDirectory, "upload.bin"), options.UploadBytes, cancellationToken);

        progress("starting the apps, the traffic manager and the agent");
        await using var cluster = await BenchCluster.StartAsync(workDirectory, cancellationToken);
        progress($"cluster app {cluster.ClusterApp}, laptop app {cluster.LaptopApp}, manager {cluster.Manager}, agent {cluster.Agent}");

        Laptop? laptopInUse = null;
        var cpu = new CpuMeter(() => [.. cluster.Processes, .. laptopInUse?.DaemonPid is { } daemon ? [("daemon", daemon)] : Array.Empty<(string, int)>()]);
        var measurement = new RowMeasurement(upload, cpu, progress);
        var timings = new CliTimings();
        var rows = new List<RowResult>();

        var direct = new Target("(a)", "direct to the app", cluster.ClusterApp, BenchCluster.ClusterName);
        rows.Add(await MeasureAsync(measurement, direct, cancellationToken));
        var agent = new Target("(b)", "through the agent", cluster.Agent, BenchCluster.ClusterName);
        rows.Add(await MeasureAsync(measurement, agent, cancellationToken));

        await using (var laptop = new Laptop(Path.Combine(workDirectory, "laptop")))
        {
            laptopInUse = laptop;
            progress("telepath connect");
            var connect = await laptop.MustRunAsync(cancellationToken, "connect", "--manager", cluster.Manager.ToString(), "--token-file", cluster.TokenFile);
            timings.Add("telepath connect (manager running, daemon started by it)", connect.Elapsed, "aim < 2 s");

            var global = agent with { Row = "(c)", Description = "global intercept", ServedBy = BenchCluster.LaptopName };
            await InterceptAsync(laptop, global, cluster.LaptopApp.Port, timings, [], cancellationToken);
            rows.Add(await MeasureAsync(measurement, global, cancellationToken));
            await LeaveAsync(laptop, Workload, timings, cancellationToken);

            var personal = agent with { Row = "(d)", Description = "personal intercept", ServedBy = BenchCluster.LaptopName };
            await InterceptAsync(laptop, personal, cluster.LaptopApp.Port, timings, ["--name", PersonalName, "--http-header", $"{Target.BenchHeaderName}={Target.BenchHeaderValue}"], cancellationToken);
            await RouteCheck.WaitForAsync(personal, BenchCluster.ClusterName, withHeader: false, cancellationToken);
            rows.Add(await MeasureAsync(measurement, personal, cancellationToken));
            await LeaveAsync(laptop, PersonalName, timings, cancellationToken);
            progress("telepath quit");
        }

        return (rows, timings);
    }

    private static async Task<RowResult> MeasureAsync(RowMeasurement measurement, Target target, CancellationToken cancellationToken)
    {
        await RouteCheck.WaitForAsync(target, target.ServedBy, withHeader: true, cancellationToken);
        return await measurement.MeasureAsync(target, cancellationToken);
    }

    /// <summary>Intercepts to the laptop app, records the CLI's wall time, then waits until the agent routes to the laptop.</summary>
    private async Task InterceptAsync(Laptop laptop, Target target, int laptopPort, CliTimings timings, string[] conditions, CancellationToken cancellationToken)
    {
        progress($"telepath intercept {Workload} ({target.Description})");
        string[] arguments = ["intercept", Workload, "--port", $"{laptopPort}", .. conditions];
        var result = await laptop.MustRunAsync(cancellationToken, arguments);
        if (!result.Stdout.Contains("ACTIVE", StringComparison.Ordinal))
        {
            throw new BenchException($"the intercept is not ACTIVE\n{result}");
        }

        timings.Add($"telepath intercept ({target.Description}), until ACTIVE printed", result.Elapsed, "aim < 1 s");
        var routed = await RouteCheck.WaitForAsync(target, target.ServedBy, withHeader: true, cancellationToken);
        timings.Add($"  then until the agent routes GET / to the laptop", routed);
    }

    private async Task LeaveAsync(Laptop laptop, string name, CliTimings timings, CancellationToken cancellationToken)
    {
        progress($"telepath leave {name}");
        var result = await laptop.MustRunAsync(cancellationToken, "leave", name);
        timings.Add($"telepath leave {name}", result.Elapsed);
    }
}
