using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Storage;

namespace Telepath.KubeApi.TestServer.Controllers;

/// <summary>
/// The ServiceCIDR <c>kubernetes</c> that a 1.33 API server makes of its <c>--service-cluster-ip-range</c>
/// at start (pkg/controlplane/controller/defaultservicecidr), Ready once its ranges match the flag.
/// </summary>
internal static class DefaultServiceCidr
{
    public const string Name = "kubernetes";

    public static void Create(ObjectStore store, KubeApiServerOptions options)
    {
        store.Create(ResourceCatalog.ServiceCidrs, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = Name },
            ["spec"] = new JsonObject { ["cidrs"] = new JsonArray(options.ServiceCidr.ToString()) },
        });
        var now = options.Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
        store.Update(ResourceCatalog.ServiceCidrs, "", Name, o =>
        {
            o["status"] = new JsonObject
            {
                ["conditions"] = new JsonArray(new JsonObject
                {
                    ["type"] = "Ready",
                    ["status"] = "True",
                    ["lastTransitionTime"] = now,
                    ["reason"] = "",
                    ["message"] = "Kubernetes default Service CIDR is ready",
                }),
            };
            return o;
        }, UpdateScope.Status);
    }
}
