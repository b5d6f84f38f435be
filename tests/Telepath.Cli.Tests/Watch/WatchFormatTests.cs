using System.Text.Json;
using Telepath.Cli.Commands.Watch;
using Telepath.Protocol.Manager;

namespace Telepath.Cli.Tests.Watch;

public sealed class WatchFormatTests
{
    private static readonly long Noon = new DateTimeOffset(2026, 12, 7, 14, 3, 7, 123, TimeSpan.Zero).ToUnixTimeMilliseconds();

    [Fact]
    public void A_request_the_laptop_took_names_the_laptop_and_the_intercept_without_the_query()
    {
        var line = new WatchFormat(showQuery: false, TimeZoneInfo.Utc).Line(new RequestEvent
        {
            UnixTimeMs = Noon,
            Workload = "orders",
            Protocol = "http/1.1",
            Method = "GET",
            Path = "/api/items?token=abc",
            InterceptId = "id",
            InterceptName = "orders",
            Client = "alice@host",
            Status = 200,
            DurationMicros = 12_345,
            BytesIn = 80,
            BytesOut = 1234,
        });

        Assert.Equal("14:03:07.123 orders GET /api/items -> laptop alice@host (intercept orders) 200 12.3 ms 80 B in 1.2 kB out", line);
    }

    [Fact]
    public void A_request_the_app_took_says_why()
    {
        var line = new WatchFormat(showQuery: true, TimeZoneInfo.Utc).Line(new RequestEvent
        {
            UnixTimeMs = Noon,
            Workload = "orders",
            Protocol = "h2",
            Method = "POST",
            Path = "/api?x=1",
            Reason = "header x-telepath-intercept-id did not match",
            Status = 200,
            DurationMicros = 512,
            BytesOut = 512,
        });

        Assert.Equal("14:03:07.123 orders POST /api?x=1 -> app (header x-telepath-intercept-id did not match) 200 512 µs 0 B in 512 B out", line);
    }

    [Fact]
    public void Control_characters_from_the_network_never_reach_the_terminal()
    {
        var line = new WatchFormat(showQuery: true, TimeZoneInfo.Utc).Line(new RequestEvent
        {
            UnixTimeMs = Noon,
            Workload = "orders",
            Protocol = "h2",
            Method = "GET",
            Path = "/a\u001b[31mb\nc",
            Reason = "no intercept",
        });

        Assert.Contains(" GET /a?[31mb?c -> app (no intercept)", line);
    }

    [Fact]
    public void Dropped_events_are_a_line_of_their_own_in_both_formats()
    {
        var batch = new RequestEventBatch { Dropped = 3 };
        var format = new WatchFormat(showQuery: false, TimeZoneInfo.Utc);

        Assert.Equal(["(3 events dropped)"], format.Text(batch));
        Assert.Equal(["{\"dropped\":3}"], format.Json(batch));
    }

    [Fact]
    public void A_notice_is_a_json_line_of_its_own_and_no_request_line_in_text()
    {
        var format = new WatchFormat(showQuery: false, TimeZoneInfo.Utc);
        var batch = new RequestEventBatch { Notice = "the traffic manager is unreachable\u001b[2J" };

        Assert.Equal(["{\"notice\":\"the traffic manager is unreachable?[2J\"}"], format.Json(batch));
        Assert.Empty(format.Text(batch));
        Assert.Equal("the traffic manager is unreachable?[2J", WatchFormat.Notice(batch));
        Assert.Null(WatchFormat.Notice(new RequestEventBatch()));
    }

    [Fact]
    public void Json_lines_are_one_object_per_event_with_the_query_cut()
    {
        var batch = new RequestEventBatch { Events = { new RequestEvent { Workload = "orders", Method = "GET", Path = "/a?b=c", Status = 200 } } };

        var line = Assert.Single(new WatchFormat(showQuery: false, TimeZoneInfo.Utc).Json(batch));

        using var json = JsonDocument.Parse(line);
        Assert.Equal("/a", json.RootElement.GetProperty("path").GetString());
        Assert.Equal(200, json.RootElement.GetProperty("status").GetInt32());
        Assert.DoesNotContain('\n', line);
    }

    [Fact]
    public void A_mirrored_request_shows_the_apps_status_beside_the_laptops()
    {
        var format = new WatchFormat(showQuery: false, TimeZoneInfo.Utc);
        var copy = new RequestEvent
        {
            UnixTimeMs = Noon,
            Workload = "orders",
            Protocol = "http/1.1",
            Method = "POST",
            Path = "/api?x=1",
            InterceptId = "id",
            InterceptName = "copy",
            Client = "alice@host",
            Mirror = true,
            Status = 200,
            MirrorStatus = 500,
            DurationMicros = 2_000,
            BytesIn = 10,
        };
        var dropped = copy.Clone();
        dropped.MirrorStatus = 0;
        dropped.Reason = "copy dropped: the laptop is slow or gone";

        Assert.Equal("14:03:07.123 orders POST /api => mirror alice@host (intercept copy) app 200 laptop 500 2.0 ms 10 B in 0 B out", format.Line(copy));
        Assert.Equal("14:03:07.123 orders POST /api => mirror alice@host (intercept copy: copy dropped: the laptop is slow or gone) app 200 laptop - 2.0 ms 10 B in 0 B out", format.Line(dropped));
    }
}
