using Telepath.Core;
using Telepath.Daemon.Outbound.ClusterNetwork;
using Telepath.Daemon.Outbound;
using Telepath.Daemon.Outbound.LocalProxy;
using Telepath.Daemon.Sessions;
using Telepath.Protocol.Daemon;

namespace Telepath.Daemon.Api;

/// <summary>What <c>telepath status</c> reports; every field says the real state.</summary>
public static class StatusReplies
{
    /// <param name="network">Transparent networking's state; null when not connected.</param>
    public static StatusReply For(ManagerConnection? connection, LocalProxyServer? proxy, NetworkStatus? network)
    {
        var reply = new StatusReply { DaemonVersion = TelepathVersion.Current };
        if (connection is null)
        {
            reply.ProxyReason = "not connected";
            return reply;
        }

        (network ?? NetworkStatus.Off("not connected")).WriteTo(reply);

        var options = connection.Options;
        reply.Connected = true;
        reply.Context = options.ContextDisplay;
        reply.Namespace = options.Namespace;
        reply.Manager = options.ManagerDisplay;
        reply.ManagerVersion = connection.ManagerVersion;
        reply.ClientName = options.ClientName;
        reply.ManagerProblem = connection.Problem ?? "";
        reply.Intercepts.AddRange(connection.View.Intercepts.Intercepts);
        foreach (var (name, mount) in connection.Intercepts.Mounts)
        {
            reply.Mounts[name] = mount;
        }
        if (proxy is not null)
        {
            reply.ProxyMode = ProxySettings.Socks;
            reply.ProxyAddress = proxy.Address;
            reply.ProxyReason = $"clients reach the cluster through the proxy at {proxy.Address}";
        }

        return reply;
    }
}
