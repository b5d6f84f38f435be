using System.Net;
using Microsoft.AspNetCore.Http;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Http;
using Telepath.KubeApi.TestServer.Storage;

namespace Telepath.KubeApi.TestServer.PortForward;

/// <summary>
/// <c>GET .../pods/{name}/portforward?ports=P</c> upgraded to a WebSocket with the
/// <c>v4.channel.k8s.io</c> subprotocol, relayed to the pod's own loopback address like the kubelet does.
/// </summary>
internal sealed class PortForwardEndpoint(ObjectStore store)
{
    private static readonly string[] Subprotocols = ["v4.channel.k8s.io", "channel.k8s.io"];

    public async Task HandleAsync(HttpContext context, string @namespace, string podName, CancellationToken stopping)
    {
        var pod = store.Get(ResourceCatalog.Pods, @namespace, podName);
        var ports = ParsePorts(context.Request.Query["ports"]);
        if (!context.WebSockets.IsWebSocketRequest)
        {
            throw StatusObjects.BadRequest("Upgrade request required");
        }

        if (pod.At("status.podIP")?.GetValue<string>() is not { } podIp)
        {
            throw StatusObjects.BadRequest($"pod {podName} does not have a host assigned");
        }

        var protocol = Subprotocols.FirstOrDefault(context.WebSockets.WebSocketRequestedProtocols.Contains)
            ?? throw StatusObjects.BadRequest("no supported WebSocket subprotocol was requested (want v4.channel.k8s.io)");
        using var socket = await context.WebSockets.AcceptWebSocketAsync(protocol);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var session = new PortForwardSession(socket, IPAddress.Parse(podIp), pod.Uid(), $"{podName}_{@namespace}", ports);
        await session.RunAsync(cancel.Token);
    }

    // The kubelet accepts "ports=80&ports=81" and "ports=80,81".
    private static IReadOnlyList<ushort> ParsePorts(IEnumerable<string?> values)
    {
        var ports = new List<ushort>();
        foreach (var part in values.SelectMany(v => (v ?? "").Split(',')))
        {
            if (!ushort.TryParse(part.Trim(), out var port) || port == 0)
            {
                throw StatusObjects.BadRequest($"invalid port: \"{part}\"");
            }

            ports.Add(port);
        }

        return ports.Count > 0 ? ports : throw StatusObjects.BadRequest("query parameter \"port\" is required");
    }
}
