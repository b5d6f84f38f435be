using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Telepath.Cli.Output;
using Telepath.Protocol.Manager;

namespace Telepath.Cli.Commands.Watch;

/// <summary>
/// Request events as lines: text for people, one JSON object a line for scripts. Paths come from the
/// network, so their query is cut unless asked for and control characters never reach the terminal.
/// </summary>
internal sealed class WatchFormat(bool showQuery, TimeZoneInfo zone)
{
    public IEnumerable<string> Text(RequestEventBatch batch)
    {
        foreach (var request in batch.Events)
        {
            yield return Line(request);
        }

        if (batch.Dropped > 0)
        {
            yield return $"({batch.Dropped} events dropped)";
        }
    }

    /// <summary>The watch's own word (the manager out of reach, watching again), for stderr: it is not a request.</summary>
    public static string? Notice(RequestEventBatch batch) => batch.Notice.Length > 0 ? Clean(batch.Notice) : null;

    public IEnumerable<string> Json(RequestEventBatch batch)
    {
        if (Notice(batch) is { } notice)
        {
            yield return new JsonObject { ["notice"] = notice }.ToJsonString();
        }

        foreach (var request in batch.Events)
        {
            var shown = request.Clone();
            shown.Path = Path(request.Path);
            yield return ProtoJson.ToNode(shown).ToJsonString();
        }

        if (batch.Dropped > 0)
        {
            yield return new JsonObject { ["dropped"] = batch.Dropped }.ToJsonString();
        }
    }

    public string Line(RequestEvent request)
    {
        var time = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(request.UnixTimeMs), zone);
        var line = new StringBuilder();
        line.Append(time.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)).Append(' ').Append(Clean(request.Workload)).Append(' ');
        line.Append(request.Protocol == "tcp" ? "tcp" : $"{Clean(request.Method)} {Path(request.Path)}");
        if (request.Mirror)
        {
            // A copy: the app answered the caller, the laptop's answer was dropped.
            var why = request.Reason.Length > 0 ? $": {Clean(request.Reason)}" : "";
            line.Append(" => mirror ").Append(Clean(request.Client)).Append($" (intercept {Clean(request.InterceptName)}{why})");
            line.Append(" app ").Append(request.Status > 0 ? request.Status.ToString(CultureInfo.InvariantCulture) : "-");
            line.Append(" laptop ").Append(request.MirrorStatus > 0 ? request.MirrorStatus.ToString(CultureInfo.InvariantCulture) : "-");
        }
        else
        {
            line.Append(" -> ").Append(Destination(request));
        }

        if (request.Status > 0 && !request.Mirror)
        {
            line.Append(' ').Append(request.Status.ToString(CultureInfo.InvariantCulture));
        }

        line.Append(' ').Append(Duration(request.DurationMicros));
        line.Append(' ').Append(Bytes(request.BytesIn)).Append(" in ").Append(Bytes(request.BytesOut)).Append(" out");
        return line.ToString();
    }

    private static string Destination(RequestEvent request)
    {
        var intercept = request.InterceptName.Length > 0 ? $"intercept {Clean(request.InterceptName)}" : "";
        if (request.Client.Length > 0)
        {
            var why = request.Reason.Length > 0 ? $"{intercept}: {Clean(request.Reason)}" : intercept;
            return $"laptop {Clean(request.Client)} ({why})";
        }

        var reason = intercept.Length > 0 ? $"{intercept}: {Clean(request.Reason)}" : Clean(request.Reason);
        return reason.Length > 0 ? $"app ({reason})" : "app";
    }

    private string Path(string path)
    {
        var query = path.IndexOf('?', StringComparison.Ordinal);
        return Clean(showQuery || query < 0 ? path : path[..query]);
    }

    /// <summary>Control characters (escape sequences, line breaks) shown as '?', so no request can write to the terminal.</summary>
    public static string Clean(string text)
    {
        if (!text.Any(char.IsControl))
        {
            return text;
        }

        return string.Create(text.Length, text, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '?' : source[i];
            }
        });
    }

    private static string Duration(long micros) => micros switch
    {
        < 1_000 => $"{micros} µs",
        < 1_000_000 => (micros / 1000.0).ToString("0.0", CultureInfo.InvariantCulture) + " ms",
        _ => (micros / 1_000_000.0).ToString("0.00", CultureInfo.InvariantCulture) + " s",
    };

    private static string Bytes(long bytes) => bytes switch
    {
        < 1000 => $"{bytes} B",
        < 1_000_000 => (bytes / 1000.0).ToString("0.0", CultureInfo.InvariantCulture) + " kB",
        _ => (bytes / 1_000_000.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB",
    };
}
