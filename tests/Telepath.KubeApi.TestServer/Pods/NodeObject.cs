using System.Net;
using System.Text.Json.Nodes;

namespace Telepath.KubeApi.TestServer.Pods;

/// <summary>
/// The one Node, as its kubelet registers it, with the pod ranges kube-controller-manager
/// (<c>--allocate-node-cidrs</c>) gives it: <c>spec.podCIDR</c> is <c>spec.podCIDRs[0]</c>.
/// </summary>
internal static class NodeObject
{
    public static IReadOnlyList<IPNetwork> PodCidrs(KubeApiServerOptions options) =>
        options.NodePodCidrs ?? [new IPNetwork(new IPAddress([.. options.FirstPodIp.GetAddressBytes()[..3], 0]), 24)];

    public static JsonObject Build(KubeApiServerOptions options)
    {
        var cidrs = PodCidrs(options).Select(c => c.ToString()).ToList();
        var spec = new JsonObject();
        if (cidrs.Count > 0)
        {
            spec["podCIDR"] = cidrs[0];
            spec["podCIDRs"] = new JsonArray([.. cidrs.Select(c => (JsonNode)c)]);
        }

        return new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = KubeletNames.NodeName,
                ["labels"] = new JsonObject
                {
                    ["kubernetes.io/arch"] = "amd64",
                    ["kubernetes.io/hostname"] = KubeletNames.NodeName,
                    ["kubernetes.io/os"] = "linux",
                },
            },
            ["spec"] = spec,
        };
    }

    public static JsonObject Status(string now) => new()
    {
        ["addresses"] = new JsonArray(
            new JsonObject { ["type"] = "InternalIP", ["address"] = "127.0.0.1" },
            new JsonObject { ["type"] = "Hostname", ["address"] = KubeletNames.NodeName }),
        ["conditions"] = new JsonArray(new JsonObject
        {
            ["type"] = "Ready",
            ["status"] = "True",
            ["lastHeartbeatTime"] = now,
            ["lastTransitionTime"] = now,
            ["reason"] = "KubeletReady",
            ["message"] = "kubelet is posting ready status",
        }),
    };
}
