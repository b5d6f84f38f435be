using System.Globalization;
using Telepath.Bench.Far;
using Telepath.Bench.Load;

namespace Telepath.Bench.Report;

/// <summary>
/// The far laptop section's table: each transfer through the intercept beside plain TCP across the
/// same link, as a ratio; or the one line saying why it was skipped or failed.
/// </summary>
/// <param name="Link">How the link's delay is made.</param>
internal sealed record FarTable(string? NotMeasured, string Link, double RoundTripMs, string TcpBuffers, long TransferBytes, FarTable.Side? Plain, FarTable.Side? ThroughTelepath)
{
    /// <summary>The transfers each way.</summary>
    /// <param name="LinkCpuSeconds">CPU of delay_link.py over all of the side's transfers, warm-ups included; null with netem.</param>
    public sealed record Side(Transfer Download, Transfer Upload, double? LinkCpuSeconds);

    public static FarTable Skipped(string reason) => new($"skipped: {reason}", "", 0, "", 0, null, null);

    public static FarTable Failed(string message) => new($"FAILED: {message.Split('\n')[0]}", "", 0, "", 0, null, null);

    public void Print(TextWriter output)
    {
        output.WriteLine(
            $"Far laptop: the daemon and the laptop's app (nginx) in a network namespace {2 * FarLink.OneWayDelayMs} ms away, " +
            "curl, the agent and the manager here; one transfer (one tunnel) at a time");
        if (NotMeasured is not null || Plain is null || ThroughTelepath is null)
        {
            output.WriteLine($"  {NotMeasured}");
            return;
        }

        output.WriteLine($"  link: {Link}");
        output.WriteLine($"  its round trip: {RoundTripMs:0.0} ms (median TCP handshake of curl's measured plain downloads)");
        output.WriteLine($"  {"",-48} {"plain TCP",10} {"through the intercept",22} {"ratio",7}");
        Row(output, $"{TransferBytes / 1_000_000} MB download (curl GET), MB/s, median of {FarBench.Runs}", Plain.Download, ThroughTelepath.Download);
        Row(output, $"{TransferBytes / 1_000_000} MB upload (curl PUT), MB/s, median of {FarBench.Runs}", Plain.Upload, ThroughTelepath.Upload);
        output.WriteLine($"  runs (MB/s): download plain {Runs(Plain.Download)}, intercepted {Runs(ThroughTelepath.Download)}; upload plain {Runs(Plain.Upload)}, intercepted {Runs(ThroughTelepath.Upload)}");
        foreach (var (what, transfer) in new[] { ("download", ThroughTelepath.Download), ("upload", ThroughTelepath.Upload) }.Where(t => t.Item2.Failure is not null))
        {
            output.WriteLine($"  note: the {what} through the intercept failed: {transfer.Failure!.Split('\n')[0]}");
        }

        output.WriteLine("  intercepted: curl → agent → manager (near end of the link) → 20 ms link → daemon → nginx; plain: curl → 20 ms link → nginx");
        output.WriteLine($"  {TcpBuffers}");
        if (Plain.LinkCpuSeconds is { } plainCpu && ThroughTelepath.LinkCpuSeconds is { } throughCpu)
        {
            output.WriteLine($"  delay_link.py's CPU over each side's {2 * (FarBench.Runs + 1)} transfers: plain {plainCpu:0.00} s, intercepted {throughCpu:0.00} s");
        }
    }

    private static void Row(TextWriter output, string what, Transfer plain, Transfer through) =>
        output.WriteLine(plain.MegabytesPerSecond is { } p && through.MegabytesPerSecond is { } t
            ? $"  {what,-48} {p,10:0} {t,22:0} {t / p,7:0.00}"
            : $"  {what,-48} {plain.MegabytesPerSecond?.ToString("0", CultureInfo.InvariantCulture) ?? "failed",10} {through.MegabytesPerSecond?.ToString("0", CultureInfo.InvariantCulture) ?? "failed",22}");

    private static string Runs(Transfer transfer) =>
        transfer.Failure is null ? string.Join(" ", transfer.Runs.Select(r => r.ToString("0", CultureInfo.InvariantCulture))) : "failed";
}
