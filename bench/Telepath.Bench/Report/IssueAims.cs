using Telepath.Bench.Load;

namespace Telepath.Bench.Report;

/// <summary>
/// Issue 11's aims ("How it is checked"), each judged from this run's figures: the rows against (a)
/// and the nginx anchors, the outbound section against in-cluster and the anchors, the far laptop
/// against a fixed rate. An aim whose figures this run lacks says why instead of a verdict.
/// </summary>
internal static class IssueAims
{
    private const double HttpProxyShare = 0.9;
    private const double AddedP50Ms = 0.2;
    private const double UploadShare = 0.6;
    private const double PersonalShare = 0.9;
    private const double H2Share = 0.6;
    private const double NewConnectionShare = 0.5;
    private const double OutboundBulkShare = 0.6;
    private const double FarMegabytesPerSecond = 200;

    /// <param name="noAnchors">Why <paramref name="anchors"/> is null, for the aims that need them.</param>
    public static IReadOnlyList<Aim> Judge(IReadOnlyList<RowResult>? rows, OutboundTable? outbound, FarTable? far, NginxAnchors? anchors, string noAnchors) =>
        [.. Rows(rows, anchors, noAnchors), .. Outbound(outbound, anchors, noAnchors), .. Far(far)];

    private static IEnumerable<Aim> Rows(IReadOnlyList<RowResult>? rows, NginxAnchors? anchors, string noAnchors)
    {
        var why = rows is { Count: 4 } ? null : "the rows were not measured in this run";
        var withAnchors = why ?? (anchors is null ? noAnchors : null);
        var (a, b, c, d) = why is null ? (rows![0], rows[1], rows[2], rows[3]) : (null!, null!, null!, null!);
        var httpProxy = anchors?.Ratio(NginxAnchors.HttpProxy);
        var relays = anchors?.Ratio(NginxAnchors.ThreeRelays);
        var relaysDownload = anchors?.Lines[NginxAnchors.ThreeRelays].DownloadMegabytesPerSecond;

        yield return Judged(
            "(b) agent, no intercept: keep-alive req/s",
            httpProxy is { } h ? $"≥ {HttpProxyShare} × nginx HTTP proxy's {h:0.00} = {HttpProxyShare * h:0.00}" : $"≥ {HttpProxyShare} × nginx HTTP proxy's ratio",
            withAnchors,
            () => Ratio(b.RequestsPerSecond, a.RequestsPerSecond, "(a)", HttpProxyShare * httpProxy!.Value));
        yield return Judged(
            "(c) global intercept: keep-alive req/s",
            relays is { } r ? $"≥ nginx three TCP relays' {r:0.00}" : "≥ nginx three TCP relays' ratio",
            withAnchors,
            () => Ratio(c.RequestsPerSecond, a.RequestsPerSecond, "(a)", relays!.Value));
        yield return Judged(
            "(c) added p50 at one connection",
            anchors is null ? $"≤ {AddedP50Ms} ms" : $"≤ {AddedP50Ms} ms (nginx three relays: {anchors.AddedP50Ms(NginxAnchors.ThreeRelays):+0.000;-0.000} ms)",
            why,
            () => ($"{c.P50Ms - a.P50Ms:+0.000;-0.000} ms", c.P50Ms - a.P50Ms <= AddedP50Ms));
        yield return Judged(
            "(c) bulk upload (curl POST)", $"≥ {UploadShare} of (a)", why ?? FailedOn(r => r.Upload, "upload", a, c),
            () => Ratio(c.Upload.MegabytesPerSecond!.Value, a.Upload.MegabytesPerSecond!.Value, "(a)", UploadShare));
        yield return Judged(
            "(c) bulk download (curl GET)",
            relaysDownload is { } m ? $"≥ nginx three TCP relays' {m:0} MB/s" : "≥ nginx three TCP relays' MB/s",
            withAnchors ?? FailedOn(r => r.Download, "download", c),
            () => ($"{c.Download.MegabytesPerSecond:0} MB/s", c.Download.MegabytesPerSecond >= relaysDownload!.Value));
        yield return Judged(
            "(d) personal intercept: keep-alive req/s", $"≥ {PersonalShare} of (c)", why,
            () => Ratio(d.RequestsPerSecond, c.RequestsPerSecond, "(c)", PersonalShare));
        foreach (var (name, row) in new[] { ("(c)", c), ("(d)", d) })
        {
            var failed = why ?? (a.H2RequestsPerSecond is null ? "h2load failed on (a)" : row.H2RequestsPerSecond is null ? $"h2load failed on {name}" : null);
            yield return Judged(
                $"{name} h2c req/s (h2load)", $"≥ {H2Share} of (a)", failed,
                () => Ratio(row.H2RequestsPerSecond!.Value, a.H2RequestsPerSecond!.Value, "(a)", H2Share));
        }

        // wrk leaves the connections it could not complete out of its rate: say how many there were.
        yield return Judged(
            "(c) new connections/s (Connection: close)", $"≥ {NewConnectionShare} of (a)", why,
            () => Ratio(c.NewConnections.RequestsPerSecond, a.NewConnections.RequestsPerSecond, "(a)", NewConnectionShare)) with
        {
            Note = why is null && a.NewConnections.SocketErrors + c.NewConnections.SocketErrors > 0
                ? $"wrk socket errors: (a) {a.NewConnections.SocketErrors}, (c) {c.NewConnections.SocketErrors}"
                : null,
        };
    }

    private static string? FailedOn(Func<RowResult, Transfer> transfer, string what, params RowResult[] rows) =>
        rows.FirstOrDefault(r => transfer(r).Failure is not null) is { } failed ? $"the {what} failed on {failed.Target.Row}" : null;

    private static IEnumerable<Aim> Outbound(OutboundTable? outbound, NginxAnchors? anchors, string noAnchors)
    {
        var why = outbound is null ? "the outbound section was not run"
            : outbound.SkipReason is { } skipped ? $"outbound skipped: {skipped}"
            : outbound.InCluster is null || outbound.ThroughTelepath is null ? "the outbound section has no figures"
            : null;
        var (inCluster, through) = (outbound?.InCluster!, outbound?.ThroughTelepath!);
        var relays = anchors?.Ratio(NginxAnchors.ThreeRelays);
        yield return Judged(
            "outbound keep-alive req/s",
            relays is { } r ? $"≥ nginx three TCP relays' {r:0.00}" : "≥ nginx three TCP relays' ratio",
            why ?? (anchors is null ? noAnchors : null),
            () => Ratio(through.Throughput.RequestsPerSecond, inCluster.Throughput.RequestsPerSecond, "in-cluster", relays!.Value));
        yield return Judged(
            "outbound bulk download (curl GET)", $"≥ {OutboundBulkShare} of in-cluster", why,
            () => Ratio(through.DownloadMegabytesPerSecond, inCluster.DownloadMegabytesPerSecond, "in-cluster", OutboundBulkShare));
    }

    private static IEnumerable<Aim> Far(FarTable? far)
    {
        var why = far is null ? "the far laptop section was not run"
            : far.NotMeasured ?? (far.Plain is null || far.ThroughTelepath is null ? "the far laptop section has no figures" : null);
        var goal = $"≥ {FarMegabytesPerSecond:0} MB/s";
        foreach (var (what, transfer) in new (string, Func<FarTable.Side, Transfer>)[] { ("download", s => s.Download), ("upload", s => s.Upload) })
        {
            var failed = why ?? (transfer(far!.ThroughTelepath!).Failure is not null ? $"the {what} failed through the intercept" : null);
            yield return Judged(
                $"far laptop (20 ms): one tunnel's {what}", goal, failed,
                () =>
                {
                    var through = transfer(far!.ThroughTelepath!).MegabytesPerSecond!.Value;
                    var plain = transfer(far.Plain!).MegabytesPerSecond!.Value;
                    return ($"{through:0} MB/s (plain TCP {plain:0})", through >= FarMegabytesPerSecond);
                });
        }
    }

    /// <param name="why">Why the figures are missing; null when <paramref name="judge"/> may read them.</param>
    private static Aim Judged(string what, string goal, string? why, Func<(string Figure, bool Met)> judge)
    {
        if (why is not null)
        {
            return new Aim(what, "-", goal, Met: false) { NotJudged = why };
        }

        var (figure, met) = judge();
        return new Aim(what, figure, goal, met);
    }

    private static (string Figure, bool Met) Ratio(double value, double baseline, string of, double aim)
    {
        var ratio = baseline > 0 ? value / baseline : 0;
        return ($"{ratio:0.00} of {of}", ratio >= aim);
    }
}
