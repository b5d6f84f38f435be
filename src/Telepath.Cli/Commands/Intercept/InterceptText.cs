using System.Text;
using Telepath.Daemon.Intercepts;
using Telepath.Protocol.Daemon;
using Telepath.Protocol.Manager;

namespace Telepath.Cli.Commands.Intercept;

/// <summary>The intercept as people read it (DESIGN.md, "What the user sees").</summary>
internal static class InterceptText
{
    public static string Format(InterceptInfo intercept, string previewUrl = "", MountInfo? mount = null)
    {
        var spec = intercept.Spec;
        var kind = intercept.WorkloadKind.Length > 0 ? intercept.WorkloadKind : "workload";
        var text = new StringBuilder()
            .AppendLine($"Using {kind} {spec.Workload}")
            .AppendLine(spec.Mirror ? "mirrored" : "intercepted")
            .AppendLine($"    Intercept name: {spec.Name}")
            .AppendLine($"    State         : {State(intercept.State)}");
        if (Reason(intercept) is { Length: > 0 } reason)
        {
            text.AppendLine($"    Reason        : {reason}");
        }

        text.AppendLine($"    Workload kind : {kind}")
            .AppendLine($"    Destination   : {spec.TargetHost}:{spec.TargetPort}");
        var conditions = Conditions(intercept).ToList();
        if (spec.Mirror)
        {
            text.AppendLine(conditions.Count == 0
                ? "    Mirroring     : a copy of every HTTP request (the app still answers it)"
                : "    Mirroring     : a copy of the HTTP requests that match all of (the app still answers them):");
            foreach (var condition in conditions)
            {
                text.Append("      ").AppendLine(condition);
            }

            text.AppendLine($"    Mirrored      : {MirrorScope(spec)}");
        }
        else if (conditions.Count == 0)
        {
            text.AppendLine("    Intercepting  : all TCP connections");
        }
        else
        {
            text.AppendLine("    Intercepting  : HTTP requests that match all of:");
            foreach (var condition in conditions)
            {
                text.Append("      ").AppendLine(condition);
            }
        }

        if (previewUrl.Length > 0)
        {
            text.AppendLine($"    Preview URL   : {previewUrl}");
        }

        if (mount is { Volumes.Count: > 0 })
        {
            text.AppendLine($"    Volume Mount Point: {mount.Directory}");
        }

        return text.ToString();
    }

    /// <summary>What a mirror copies, in one line: what is, what is not, and how much of a body.</summary>
    public static string MirrorScope(InterceptSpec spec)
    {
        var limit = spec.MirrorBodyLimit > 0 ? spec.MirrorBodyLimit : 1 << 20;
        var bytes = limit % (1 << 20) == 0 ? $"{limit >> 20} MiB" : limit % 1024 == 0 ? $"{limit >> 10} KiB" : $"{limit} bytes";
        return $"HTTP/1.1, HTTP/2 and unary gRPC, bodies up to {bytes} (longer ones cut and marked); WebSocket, streaming gRPC and non-HTTP TCP are not mirrored";
    }

    public static IEnumerable<string> Conditions(InterceptInfo intercept)
    {
        var spec = intercept.Spec;
        foreach (var header in spec.Headers)
        {
            // The auto header is shown as the value the ingress sends, not as its escaped regex.
            var value = AutoHeader.Is(header, intercept) ? AutoHeader.Value(intercept.Id, spec.Name) : header.ValueRegex;
            yield return $"header(\"{header.Name}\") ~= regexp(\"{value}\")";
        }

        if (spec.PathPrefix.Length > 0)
        {
            yield return $"path prefix \"{spec.PathPrefix}\"";
        }

        if (spec.PathEqual.Length > 0)
        {
            yield return $"path equal \"{spec.PathEqual}\"";
        }

        if (spec.PathRegex.Length > 0)
        {
            yield return $"path ~= regexp(\"{spec.PathRegex}\")";
        }
    }

    /// <summary>
    /// Why the intercept is not ACTIVE yet, in the manager's words with control characters replaced (they
    /// come from the network); empty when it is ACTIVE or the manager gave no reason.
    /// </summary>
    public static string Reason(InterceptInfo intercept) =>
        intercept.State == InterceptState.Active ? "" : new string([.. intercept.StateReason.Select(c => char.IsControl(c) ? '?' : c)]);

    /// <summary>"WAITING: reason" for status and list, or empty when the intercept is not WAITING.</summary>
    public static string Waiting(InterceptInfo intercept) =>
        intercept.State != InterceptState.Waiting ? "" : Reason(intercept) is { Length: > 0 } reason ? $"WAITING: {reason}" : "WAITING";

    private static string State(InterceptState state) => state switch
    {
        InterceptState.Active => "ACTIVE",
        InterceptState.Waiting => "WAITING",
        _ => "UNKNOWN",
    };
}
