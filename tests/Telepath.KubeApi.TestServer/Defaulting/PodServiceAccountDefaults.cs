using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Storage;

namespace Telepath.KubeApi.TestServer.Defaulting;

/// <summary>
/// A pod that names no service account runs as <c>default</c>, as the ServiceAccount admission plugin
/// decides; the API writes the name under the deprecated <c>serviceAccount</c> too. Pod templates are
/// left as they are, as in a cluster: only pods are admitted this way.
/// </summary>
public sealed class PodServiceAccountDefaults : IDefaulter
{
    public const string DefaultServiceAccount = "default";

    public void Apply(ResourceType type, JsonObject obj, JsonObject? old)
    {
        if (type != ResourceCatalog.Pods || obj["spec"] is not JsonObject spec)
        {
            return;
        }

        var name = spec.Str("serviceAccountName") is { Length: > 0 } given ? given
            : spec.Str("serviceAccount") is { Length: > 0 } deprecated ? deprecated
            : DefaultServiceAccount;
        spec["serviceAccountName"] = name;
        spec["serviceAccount"] = name;
    }
}
