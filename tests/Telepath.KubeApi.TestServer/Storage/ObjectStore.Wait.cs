using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Watch;

namespace Telepath.KubeApi.TestServer.Storage;

public sealed partial class ObjectStore
{
    /// <summary>
    /// The object as soon as it exists (at once if it does), told by the store's own change feed: a
    /// watch from now starts with what exists, then sees every change, so nothing is missed and nothing polls.
    /// </summary>
    public async Task<JsonObject> WaitForAsync(ResourceType type, string @namespace, string name, CancellationToken cancellationToken)
    {
        using var subscription = Watch(type, type.Namespaced ? @namespace : null, null);
        await foreach (var e in subscription.Events.ReadAllAsync(cancellationToken))
        {
            if (e.Type != WatchEventType.Deleted && e.Object.Name() == name)
            {
                return (JsonObject)e.Object.DeepClone();
            }
        }

        // The watches were closed: the server is stopping.
        throw new OperationCanceledException($"the store closed before {type.QualifiedPlural} \"{name}\" existed");
    }
}
