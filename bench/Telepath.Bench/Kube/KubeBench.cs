using System.Net;
using Telepath.Bench.Cluster;
using Telepath.Bench.Processes;
using Telepath.Bench.Report;
using Telepath.Kubernetes.Testing;
using Telepath.Kubernetes.Testing.Laptop;
using Telepath.Testing.Processes;

using Executables = Telepath.Bench.Processes.Executables;

namespace Telepath.Bench.Kube;

/// <summary>
/// The Kubernetes section: the real `telepath` against the Kubernetes API test server, timing what
/// issues 3 and 13 set aims for (connect with the manager installed &lt; 1.5 s, intercept with the
/// agent injected ACTIVE &lt; 1 s), the first connect and intercept that install things, and kubectl as a baseline.
/// </summary>
internal sealed class KubeBench(int runs, string workDirectory, Action<string> progress)
{
    private const string ContextName = "telepath-bench";
    private static readonly TimeSpan ConnectAim = TimeSpan.FromSeconds(1.5);
    private static readonly TimeSpan InterceptAim = TimeSpan.FromSeconds(1);

    public async Task<KubeTable> RunAsync(CancellationToken cancellationToken)
    {
        var directory = Path.Combine(workDirectory, "kube");
        progress("starting the Kubernetes API test server with deployment and service orders");
        await using var cluster = await SimulatedCluster.StartAsync(
            new SimulatedClusterOptions
            {
                // The kubeconfig and the containers' logs stay beside the run, as the rows' manager.log and agent.log do.
                Directory = directory,
                ContainerLogs = true,
                ContextName = ContextName,
                FirstPodIp = PodNetwork(),
                // In the bench's own configuration, so a Release bench measures a Release server.
                ServerDll = Executables.ServerDll,
                // So run.sh can kill the containers after a killed bench.
                ProcessStarted = PidLog.Add,
            },
            cancellationToken);
        await OrdersWorkload.CreateAsync(cluster.Client, cancellationToken);
        await ServiceRoute.WaitForAsync(cluster.Client, "cluster", cancellationToken);
        progress($"API server {cluster.Server.Url}; orders answers through its Service");

        await using var laptopApp = await LaptopApp.StartAsync(cancellationToken);
        var kubectl = KubectlBaseline.Find(cluster.KubeconfigPath, Path.Combine(directory, "kubectl-home"));
        return await MeasureAsync(cluster, kubectl, laptopApp.Port, cancellationToken);
    }

    // Not the simulated cluster's default network, the end-to-end tests' 127.20-219.x.x: a manager of
    // a test running beside the bench must not take the bench's pod address and port.
    private static IPAddress PodNetwork() => new([127, 250, (byte)(Environment.ProcessId % 250), 1]);

    private async Task<KubeTable> MeasureAsync(SimulatedCluster cluster, KubectlBaseline? kubectl, int laptopPort, CancellationToken cancellationToken)
    {
        var baseline = new TimingSeries();
        var firstConnect = new TimingSeries();
        var quit = new TimingSeries();
        var connect = new TimingSeries();
        var firstIntercept = new TimingSeries();
        var firstRouted = new TimingSeries();
        var leave = new TimingSeries();
        var intercept = new TimingSeries();
        var routed = new TimingSeries();

        if (kubectl is not null)
        {
            // Unmeasured: the first call fills kubectl's discovery cache, which a user's kubectl has warm.
            progress($"{kubectl.Path} get deployment {OrdersWorkload.Name} (warm-up)");
            await kubectl.GetDeploymentAsync(cancellationToken);
        }

        // kube/ is the cluster's; the laptop's own short folder keeps the daemon's socket path short.
        await using (var laptop = new Laptop(Path.Combine(workDirectory, "kube-laptop"), cluster.KubeconfigPath))
        {
            var cpu = new CpuClock(() => laptop.DaemonPid);
            Task<ProcessResult> Telepath(params string[] arguments) => laptop.MustRunAsync(cancellationToken, arguments);

            // --proxy=off: this simulated cluster shares the machine's own network; transparent
            // networking is measured in its network namespaces (the outbound section).
            progress("telepath connect (first: installs the traffic manager)");
            Connected(await TimeAsync(cpu, firstConnect, () => Telepath("connect", "--proxy=off")));
            for (var run = 1; run <= runs; run++)
            {
                progress($"telepath quit; telepath connect; kubectl get ({run}/{runs})");
                await TimeAsync(cpu, quit, () => Telepath("quit"));
                Connected(await TimeAsync(cpu, connect, () => Telepath("connect", "--proxy=off")));
                if (kubectl is not null)
                {
                    // Interleaved with the connects, so both see the same load on the machine.
                    await TimeAsync(cpu, baseline, () => kubectl.GetDeploymentAsync(cancellationToken));
                }
            }

            progress($"telepath intercept {OrdersWorkload.Name} (first: injects the agent, waits for the rollout)");
            string[] interceptArguments = ["intercept", OrdersWorkload.Name, "--port", $"{laptopPort}"];
            Active(await TimeAsync(cpu, firstIntercept, () => Telepath(interceptArguments)));
            firstRouted.Add(await ServiceRoute.WaitForAsync(cluster.Client, "laptop", cancellationToken));
            for (var run = 1; run <= runs; run++)
            {
                progress($"telepath leave; telepath intercept ({run}/{runs})");
                await TimeAsync(cpu, leave, () => Telepath("leave", OrdersWorkload.Name));
                await ServiceRoute.WaitForAsync(cluster.Client, "cluster", cancellationToken);
                Active(await TimeAsync(cpu, intercept, () => Telepath(interceptArguments)));
                routed.Add(await ServiceRoute.WaitForAsync(cluster.Client, "laptop", cancellationToken));
            }

            progress("telepath quit");
        }

        return new KubeTable(
            runs,
            kubectl?.Path,
            baseline,
            [
                new KubeTiming("telepath connect, first (installs the manager, starts the daemon)", firstConnect),
                new KubeTiming("telepath quit", quit),
                new KubeTiming("telepath connect (manager installed, starts the daemon)", connect, ConnectAim),
                new KubeTiming($"telepath intercept {OrdersWorkload.Name}, first (injects the agent, rollout)", firstIntercept),
                new KubeTiming("  then until the Service answers from the laptop", firstRouted),
                new KubeTiming($"telepath leave {OrdersWorkload.Name}", leave),
                new KubeTiming($"telepath intercept {OrdersWorkload.Name} (agent injected), until ACTIVE", intercept, InterceptAim),
                new KubeTiming("  then until the Service answers from the laptop", routed),
            ]);
    }

    /// <summary>Runs one command to its end and records its wall time and the CPU it and the daemon spent meanwhile.</summary>
    private static async Task<ProcessResult> TimeAsync(CpuClock cpu, TimingSeries series, Func<Task<ProcessResult>> run)
    {
        var before = cpu.Read();
        var result = await run();
        series.Add(result.Elapsed, CpuClock.Between(before, cpu.Read()));
        return result;
    }

    private static void Connected(ProcessResult connect)
    {
        if (!connect.Stdout.Contains($"Connected to {ContextName}", StringComparison.Ordinal))
        {
            throw new BenchException($"connect did not say it is connected to {ContextName}\n{connect}");
        }
    }

    private static void Active(ProcessResult intercept)
    {
        if (!intercept.Stdout.Contains("ACTIVE", StringComparison.Ordinal))
        {
            throw new BenchException($"the intercept is not ACTIVE\n{intercept}");
        }
    }
}
