using Telepath.Bench.Cluster;
using Telepath.Bench.Load;
using Telepath.Bench.Outbound;
using Telepath.Bench.Report;

namespace Telepath.Bench.Far;

/// <summary>
/// The far laptop section: one tunnel's bulk rate when the laptop is 20 ms away. The manager and an
/// agent with its app run here, the daemon and the laptop's app (nginx) in a namespace across
/// <see cref="FarLink"/>; curl here downloads and uploads 100 MB through a global intercept, and the
/// same curl straight to the laptop's nginx across the same link is the baseline.
/// </summary>
/// <param name="transferBytes">The size of each transfer: the rows' (--upload-mb), 100 MB by default.</param>
internal sealed class FarBench(long transferBytes, string workDirectory, Action<string> progress)
{
    public const int Runs = 3;
    private const string Workload = "orders";

    public async Task<FarTable> RunAsync(CancellationToken cancellationToken)
    {
        if (await NetnsSupport.MissingReasonAsync(cancellationToken) is { } missing)
        {
            progress($"skipping the far laptop section: {missing}");
            return FarTable.Skipped(missing);
        }

        if (!File.Exists("/usr/sbin/nginx"))
        {
            progress("skipping the far laptop section: no nginx");
            return FarTable.Skipped("needs nginx as the laptop's app (apt-get install nginx-light; run.sh installs it)");
        }

        try
        {
            return await MeasureAsync(cancellationToken);
        }
        catch (BenchException e)
        {
            // The last section of a long run: its failure is reported in its place, and the figures measured before it still print.
            progress($"the far laptop section FAILED: {e.Message}");
            return FarTable.Failed(e.Message);
        }
    }

    private async Task<FarTable> MeasureAsync(CancellationToken cancellationToken)
    {
        var directory = Path.Combine(workDirectory, "far");
        var nginxDirectory = Path.Combine(directory, "nginx");
        progress($"writing the far laptop's {transferBytes / 1_000_000} MB file");
        Directory.CreateDirectory(Path.GetDirectoryName(LaptopNginx.DataFile(nginxDirectory))!);
        var data = await UploadFile.CreateAsync(LaptopNginx.DataFile(nginxDirectory), transferBytes, cancellationToken);

        progress($"building the far laptop's namespace and its link ({2 * FarLink.OneWayDelayMs} ms round trip)");
        await using var link = await FarLink.CreateAsync(cancellationToken);
        await using var nginx = await LaptopNginx.StartAsync(link.Namespace, link.FarSide, nginxDirectory, cancellationToken);

        var plainRoot = $"http://{link.FarSide}:{LaptopNginx.Port}";
        progress($"plain TCP across the link: {Runs} downloads and uploads of {transferBytes / 1_000_000} MB after one warm-up, curl here to {plainRoot}");
        var (plain, handshakes) = await MeasureSideAsync("plain TCP", plainRoot, data, nginx, link, cancellationToken);
        if ((plain.Download.Failure ?? plain.Upload.Failure) is { } broken)
        {
            throw new BenchException($"plain TCP across the far link failed, so the link is broken: {broken}");
        }

        var roundTripMs = Median.Of(handshakes) * 1000;
        if (roundTripMs < 2 * FarLink.OneWayDelayMs * 0.9)
        {
            throw new BenchException($"a TCP handshake across the far link took {roundTripMs:0.0} ms: netem's delay is not in effect");
        }

        progress("starting the traffic manager on the link's near end, and the agent");
        await using var cluster = await BenchCluster.StartAsync(directory, cancellationToken, link.HostSide);
        await using var laptop = new Laptop(Path.Combine(directory, "laptop"), networkNamespace: link.Namespace);
        progress($"telepath connect --manager {cluster.Manager} (in {link.Namespace})");
        await laptop.MustRunAsync(cancellationToken, "connect", "--manager", cluster.Manager.ToString(), "--token-file", cluster.TokenFile);
        progress($"telepath intercept {Workload} --port {LaptopNginx.Port}");
        await laptop.MustRunAsync(cancellationToken, "intercept", Workload, "--port", $"{LaptopNginx.Port}");
        var intercepted = new Target("far", "global intercept", cluster.Agent, LaptopNginx.Name);
        await RouteCheck.WaitForAsync(intercepted, LaptopNginx.Name, withHeader: true, cancellationToken);

        progress($"through the global intercept: the same transfers, curl here to the agent {cluster.Agent}");
        var (throughTelepath, _) = await MeasureSideAsync("through the intercept", $"http://{cluster.Agent}", data, nginx, link, cancellationToken);
        var buffers = await link.TcpBuffersAsync(cancellationToken);
        progress("telepath quit; deleting the far laptop's namespace");
        return new FarTable(null, link.Kind, roundTripMs, buffers, transferBytes, plain, throughTelepath);
    }

    /// <returns>The transfers, and each download's TCP handshake time (seconds) from curl to the first hop.</returns>
    private static async Task<(FarTable.Side Side, IReadOnlyList<double> Handshakes)> MeasureSideAsync(
        string what, string root, UploadFile data, LaptopNginx nginx, FarLink link, CancellationToken cancellationToken)
    {
        var relayBefore = link.RelayPid is { } relay ? CpuMeter.ProcessTicks(relay) : null;
        var download = new LoadPath(what, $"{root}{LaptopNginx.DataPath}");
        var handshakes = new List<double>();
        var downloads = await Transfer.MeasureAsync(Runs, warmUp: true, async () =>
        {
            var result = await Download.RunAsync(download, data.Size, cancellationToken);
            handshakes.Add(result.ConnectSeconds);
            return result.MegabytesPerSecond;
        });
        var upload = $"{root}{LaptopNginx.UploadPath}";
        var uploads = await Transfer.MeasureAsync(
            Runs, warmUp: true, () => PutUpload.MegabytesPerSecondAsync(what, upload, data, nginx.ReceivedFile, cancellationToken));

        var relayAfter = link.RelayPid is { } r ? CpuMeter.ProcessTicks(r) : null;
        var relayCpu = relayBefore is { } b && relayAfter is { } a ? CpuMeter.FromTicks(a - b).TotalSeconds : (double?)null;
        return (new FarTable.Side(downloads, uploads, relayCpu), handshakes);
    }
}
