using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Telepath.TrafficAgent.Mirroring;
using Telepath.TrafficAgent.Tests.Infrastructure;

namespace Telepath.TrafficAgent.Tests.Mirroring;

/// <summary>Dropped copies reach the log at Information, at most once per 30 s per mirror, and none is left untold.</summary>
public sealed class MirrorDropReportTests
{
    private readonly FakeTimeProvider _clock = new();
    private readonly List<(long Count, TimeSpan Elapsed)> _reports = [];

    private MirrorDropReport Report() => new(_clock, (count, elapsed) => _reports.Add((count, elapsed)));

    [Fact]
    public void A_burst_of_drops_is_one_report_when_the_window_ends()
    {
        using var report = Report();

        report.Add();
        _clock.Advance(TimeSpan.FromSeconds(10));
        report.Add();
        report.Add();
        _clock.Advance(TimeSpan.FromSeconds(19));
        Assert.Empty(_reports);

        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal([(3L, TimeSpan.FromSeconds(30))], _reports);
    }

    [Fact]
    public void Drops_after_a_report_start_the_next_window()
    {
        using var report = Report();
        report.Add();
        _clock.Advance(MirrorDropReport.Window);

        _clock.Advance(TimeSpan.FromMinutes(5));
        report.Add();
        _clock.Advance(MirrorDropReport.Window - TimeSpan.FromSeconds(1));
        Assert.Single(_reports);
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal([(1L, TimeSpan.FromSeconds(30)), (1L, TimeSpan.FromSeconds(30))], _reports);
    }

    [Fact]
    public void A_mirror_that_leaves_reports_what_is_left_at_once()
    {
        var report = Report();
        report.Add();
        report.Add();
        _clock.Advance(TimeSpan.FromSeconds(4));

        report.Dispose();
        _clock.Advance(MirrorDropReport.Window);

        Assert.Equal([(2L, TimeSpan.FromSeconds(4))], _reports);
    }

    [Fact]
    public void No_drops_no_report()
    {
        Report().Dispose();
        _clock.Advance(MirrorDropReport.Window);

        Assert.Empty(_reports);
    }

    [Fact]
    public void The_line_names_the_mirror_its_user_and_the_window()
    {
        var logger = new RecordingLogger();

        Log.CopiesDropped(logger, 12, "orders-mirror", "alice@laptop", 30);

        Assert.Equal([(LogLevel.Information, "dropped 12 copies for mirror orders-mirror (alice@laptop) in the last 30s: the laptop is slow or gone")], logger.Lines);
    }
}
