using System.Text;
using Telepath.Cli.Commands.Intercept;
using Telepath.Hub.Client;
using Telepath.Protocol.Daemon;
using Telepath.Protocol.Manager;

namespace Telepath.Cli.Commands.Status;

/// <summary><c>telepath status</c> as people read it (DESIGN.md, "What the user sees").</summary>
internal static class StatusText
{
    public const string NotRunning = "Daemon: Not running";

    public static string Format(StatusReply status)
    {
        var text = new StringBuilder()
            .AppendLine("Daemon: Running")
            .AppendLine($"  Version   : {status.DaemonVersion}");
        if (!status.Connected)
        {
            return text.AppendLine("Not connected").ToString();
        }

        text.AppendLine("Connected")
            .AppendLine($"  Context   : {status.Context}")
            .AppendLine($"  Namespace : {status.Namespace}")
            .AppendLine($"  Manager   : {Join(status.Manager, status.ManagerVersion)}");
        if (status.ManagerProblem.Length > 0)
        {
            text.AppendLine($"  Problem   : {status.ManagerProblem}");
        }

        text.AppendLine($"  Proxy     : {Proxy(status)}");
        AppendNetwork(text, status);
        text.AppendLine($"  Intercepts: {status.Intercepts.Count} total");
        foreach (var intercept in status.Intercepts)
        {
            // Only this laptop's previews are known here; another laptop's intercept of the same name is not ours.
            var ours = intercept.ClientName == status.ClientName;
            var preview = ours && status.PreviewUrls.TryGetValue(intercept.Spec.Name, out var url) ? $", preview {url}" : "";
            var volumes = ours && status.Mounts.TryGetValue(intercept.Spec.Name, out var mount) && mount.Volumes.Count > 0 ? $", volumes at {mount.Directory}" : "";
            var mirror = intercept.Spec.Mirror ? " (mirror)" : "";
            text.AppendLine($"    {intercept.Spec.Name}{mirror}: {intercept.ClientName}{preview}{volumes}{Waiting(intercept)}");
        }

        return text.ToString();
    }

    /// <summary>The preview hub this CLI is logged in to, as one line; empty when not logged in.</summary>
    public static string Hub(HubCredentials? login) =>
        login is null ? "" : $"Hub: {login.Hub} as {login.User} (organisation {login.Organisation}){Environment.NewLine}";

    /// <summary>The Proxy line's value: ON, the SOCKS5 proxy and how to use it, or OFF with why.</summary>
    public static string Proxy(StatusReply status)
    {
        if (!status.ProxyOn && status.ProxyMode == "socks")
        {
            return $"SOCKS5 {status.ProxyAddress} (set ALL_PROXY=socks5h://{status.ProxyAddress})";
        }

        var state = status.ProxyOn ? "ON" : "OFF";
        return status.ProxyReason.Length > 0 ? $"{state} ({status.ProxyReason})" : state;
    }

    /// <summary>What transparent networking redirects, leaves alone and answers, the routes it added, and where it collides with the laptop's routes.</summary>
    private static void AppendNetwork(StringBuilder text, StatusReply status)
    {
        if (status.ProxyRanges.Count > 0)
        {
            text.AppendLine($"  Ranges    : {Ranges(status.ProxyRanges)}");
        }

        if (status.NeverProxied.Count > 0)
        {
            text.AppendLine($"  Never     : {Ranges(status.NeverProxied)}");
        }

        if (status.DnsDomains.Count > 0)
        {
            var search = status.DnsSearch.Count > 0 ? $" (search {string.Join(' ', status.DnsSearch)})" : "";
            var via = status.DnsVia.Length > 0 ? $"; through {status.DnsVia}" : "";
            text.AppendLine($"  DNS       : {string.Join(", ", status.DnsDomains)}{search}{via}");
        }

        foreach (var route in status.AddedRoutes)
        {
            text.AppendLine($"  Route     : {route.Cidr} dev {route.Device} ({route.Reason}; Telepath's own, removed on quit)");
        }

        foreach (var conflict in status.RouteConflicts)
        {
            text.AppendLine($"  Conflict  : {conflict.Range} overlaps the route {conflict.Route}; the cluster gets it while connected (--never-proxy {conflict.Range} leaves it to that route)");
        }
    }

    private static string Waiting(InterceptInfo intercept) =>
        InterceptText.Waiting(intercept) is { Length: > 0 } waiting ? $", {waiting}" : "";

    private static string Ranges(IEnumerable<ProxyRange> ranges) => string.Join(", ", ranges.Select(r => $"{r.Cidr} ({r.Source})"));

    private static string Join(string manager, string version) => version.Length > 0 ? $"{manager} {version}" : manager;
}
