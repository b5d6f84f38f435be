using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Storage;

namespace Telepath.KubeApi.TestServer.Defaulting;

public sealed class NamespaceDefaults : IDefaulter
{
    public void Apply(ResourceType type, JsonObject obj, JsonObject? old)
    {
        if (type != ResourceCatalog.Namespaces)
        {
            return;
        }

        obj.Metadata().Child("labels").Set("kubernetes.io/metadata.name", obj.Name());
        obj.Child("spec").Set("finalizers", new JsonArray("kubernetes"));
        obj.Child("status").Set("phase", "Active");
    }
}
