using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Storage;

namespace Telepath.KubeApi.TestServer.Controllers;

/// <summary>
/// Pods <c>&lt;sts&gt;-0..n-1</c> labelled with their revision; a template change replaces all pods of
/// an older revision at once (not one by one as the real controller does).
/// </summary>
internal sealed class StatefulSetController(ObjectStore store)
{
    private const string RevisionLabel = "controller-revision-hash";

    public void Reconcile(JsonObject sts)
    {
        var ns = sts.Namespace();
        var wanted = sts.Long("spec.replicas", 1);
        var revision = $"{sts.Name()}-{PodTemplateHash.Of(sts.At("spec.template"))}";
        var pods = store.List(ResourceCatalog.Pods, ns).Items.Where(p => Owners.IsOwnedBy(p, sts.Uid())).ToList();
        foreach (var pod in pods.Where(p => p.Labels().GetValueOrDefault(RevisionLabel) != revision || Ordinal(sts, p) >= wanted).ToList())
        {
            store.Delete(ResourceCatalog.Pods, ns, pod.Name());
            pods.Remove(pod);
        }

        for (var i = 0; i < wanted; i++)
        {
            var name = $"{sts.Name()}-{i}";
            if (pods.All(p => p.Name() != name))
            {
                var labels = new Dictionary<string, string>
                {
                    [RevisionLabel] = revision,
                    ["statefulset.kubernetes.io/pod-name"] = name,
                    ["apps.kubernetes.io/pod-index"] = i.ToString(),
                };
                var pod = PodFactory.FromTemplate(sts, name, labels);

                // As the real controller does: the pod's DNS name is NAME.SERVICENAME.NS.svc.cluster.local.
                if (pod["spec"] is JsonObject spec)
                {
                    spec["hostname"] = name;
                    if (sts.At("spec.serviceName")?.GetValue<string>() is { Length: > 0 } serviceName)
                    {
                        spec["subdomain"] = serviceName;
                    }
                }

                pods.Add(store.Create(ResourceCatalog.Pods, pod));
            }
        }

        var ready = pods.Count(Owners.IsReady);
        var status = Owners.Counts(
            ("observedGeneration", sts.Long("metadata.generation")),
            ("replicas", pods.Count),
            ("readyReplicas", ready),
            ("currentReplicas", pods.Count),
            ("updatedReplicas", pods.Count),
            ("availableReplicas", ready));
        status["replicas"] = pods.Count;
        status["currentRevision"] = revision;
        status["updateRevision"] = revision;
        status["collisionCount"] = 0;
        store.Update(ResourceCatalog.StatefulSets, ns, sts.Name(), o =>
        {
            o["status"] = status;
            return o;
        }, UpdateScope.Status);
    }

    private static long Ordinal(JsonObject sts, JsonObject pod) =>
        long.TryParse(pod.Name()[(sts.Name().Length + 1)..], out var i) ? i : long.MaxValue;
}
