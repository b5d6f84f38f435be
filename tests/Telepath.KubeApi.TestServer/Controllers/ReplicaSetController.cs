using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Storage;

namespace Telepath.KubeApi.TestServer.Controllers;

/// <summary>Keeps <c>spec.replicas</c> pods (<c>&lt;rs&gt;-&lt;5 random&gt;</c>) per ReplicaSet and reports their readiness.</summary>
internal sealed class ReplicaSetController(ObjectStore store)
{
    public void Reconcile(JsonObject rs)
    {
        var ns = rs.Namespace();
        var wanted = rs.Long("spec.replicas", 1);
        var pods = store.List(ResourceCatalog.Pods, ns).Items.Where(p => Owners.IsOwnedBy(p, rs.Uid())).ToList();
        for (var i = pods.Count; i < wanted; i++)
        {
            var pod = PodFactory.FromTemplate(rs, $"{rs.Name()}-{ObjectStore.RandomSuffix(5)}");
            pod.Metadata()["generateName"] = $"{rs.Name()}-";
            pods.Add(store.Create(ResourceCatalog.Pods, pod));
        }

        // Scale down the least useful first: unready pods, then the youngest.
        foreach (var extra in pods.OrderBy(Owners.IsReady).ThenByDescending(p => p.Str("metadata.creationTimestamp")).Take((int)Math.Max(0, pods.Count - wanted)).ToList())
        {
            store.Delete(ResourceCatalog.Pods, ns, extra.Name());
            pods.Remove(extra);
        }

        var ready = pods.Count(Owners.IsReady);
        var status = Owners.Counts(
            ("replicas", pods.Count),
            ("fullyLabeledReplicas", pods.Count),
            ("readyReplicas", ready),
            ("availableReplicas", ready),
            ("observedGeneration", rs.Long("metadata.generation")));
        status["replicas"] = pods.Count; // replicas is not omitempty
        store.Update(ResourceCatalog.ReplicaSets, ns, rs.Name(), o =>
        {
            o["status"] = status;
            return o;
        }, UpdateScope.Status);
    }
}
