using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Storage;

namespace Telepath.KubeApi.TestServer.Controllers;

/// <summary>Every namespace gets its <c>default</c> service account, as the service account controller does.</summary>
internal sealed class NamespaceController(ObjectStore store)
{
    public void Reconcile(JsonObject ns)
    {
        if (store.TryGet(ResourceCatalog.ServiceAccounts, ns.Name(), "default") is null)
        {
            store.Create(ResourceCatalog.ServiceAccounts, new JsonObject
            {
                ["metadata"] = new JsonObject { ["name"] = "default", ["namespace"] = ns.Name() },
            });
        }
    }
}
