using System.Text;
using Telepath.Cli.Commands.Status;
using Telepath.Protocol.Daemon;

namespace Telepath.Cli.Commands.Connect;

internal static class ConnectText
{
    /// <summary>Where connect went, and when the laptop reaches the cluster's network, how, and what collides with its routes.</summary>
    public static string Connected(StatusReply status)
    {
        var text = new StringBuilder($"Connected to {status.Context}, namespace {status.Namespace}");
        if (status.ProxyMode.Length > 0 || status.ProxyOn)
        {
            text.Append($"\nProxy: {StatusText.Proxy(status)}");
            if (status.ProxyRanges.Count > 0)
            {
                text.Append($"; redirecting {string.Join(", ", status.ProxyRanges.Select(r => $"{r.Cidr} ({r.Source})"))}");
            }
        }

        foreach (var conflict in status.RouteConflicts)
        {
            text.Append($"\nWarning: {conflict.Range} overlaps the route {conflict.Route}; the cluster gets it while connected (--never-proxy {conflict.Range} leaves it to that route)");
        }

        return text.ToString();
    }
}
