using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Http;
using Telepath.KubeApi.TestServer.Storage;

namespace Telepath.KubeApi.TestServer.Controllers;

/// <summary>Deletes objects whose owner was deleted (background propagation), transitively.</summary>
internal sealed class GarbageCollector(ObjectStore store)
{
    public void OwnerDeleted(JsonObject owner)
    {
        foreach (var type in ResourceCatalog.All.Where(t => t.Namespaced))
        {
            var scope = owner.Namespace().Length > 0 ? owner.Namespace() : null;
            foreach (var dependent in store.List(type, scope).Items.Where(o => Owners.IsOwnedBy(o, owner.Uid())))
            {
                try
                {
                    store.Delete(type, dependent.Namespace(), dependent.Name());
                }
                catch (KubeStatusException e) when (e.Code == 404)
                {
                    // Someone else got there first.
                }
            }
        }
    }
}
