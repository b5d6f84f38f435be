using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Storage;

namespace Telepath.KubeApi.TestServer.Controllers;

/// <summary>
/// A deployment controller that recreates rather than surges: the ReplicaSet for the current
/// template gets all replicas, older ones are scaled to 0 at once. Status and conditions follow
/// the real controller closely enough for <c>kubectl rollout status</c>.
/// </summary>
internal sealed class DeploymentController(ObjectStore store, TimeProvider time)
{
    private const string RevisionAnnotation = "deployment.kubernetes.io/revision";

    public void Reconcile(JsonObject deployment)
    {
        var ns = deployment.Namespace();
        var replicas = deployment.Long("spec.replicas", 1);
        var hash = PodTemplateHash.Of(deployment.At("spec.template"));
        var owned = store.List(ResourceCatalog.ReplicaSets, ns).Items.Where(rs => Owners.IsOwnedBy(rs, deployment.Uid())).ToList();
        var current = owned.FirstOrDefault(rs => rs.Labels().GetValueOrDefault("pod-template-hash") == hash);
        var revision = owned.Select(Revision).DefaultIfEmpty(0).Max();
        var created = false;
        if (current is null)
        {
            current = store.Create(ResourceCatalog.ReplicaSets, NewReplicaSet(deployment, hash, revision + 1));
            created = true;
        }
        else if (current.Long("spec.replicas") != replicas || (Revision(current) < revision))
        {
            var next = Revision(current) < revision ? revision + 1 : Revision(current);
            current = store.Update(ResourceCatalog.ReplicaSets, ns, current.Name(), rs =>
            {
                rs["spec"]!["replicas"] = replicas;
                rs.Metadata()["annotations"]![RevisionAnnotation] = next.ToString();
                return rs;
            }, UpdateScope.All);
        }

        var old = owned.Where(rs => rs.Uid() != current.Uid()).ToList();
        foreach (var rs in old.Where(rs => rs.Long("spec.replicas") != 0))
        {
            store.Update(ResourceCatalog.ReplicaSets, ns, rs.Name(), o =>
            {
                o["spec"]!["replicas"] = 0;
                return o;
            }, UpdateScope.All);
        }

        var status = DeploymentStatus.Compute(deployment, current, old, created, time.GetUtcNow());
        var currentRevision = current.Metadata()["annotations"]?.Str(RevisionAnnotation);
        store.Update(ResourceCatalog.Deployments, ns, deployment.Name(), d =>
        {
            d["status"] = status;
            var annotations = d.Metadata()["annotations"] as JsonObject ?? new JsonObject();
            annotations[RevisionAnnotation] = currentRevision;
            d.Metadata()["annotations"] = annotations;
            return d;
        }, UpdateScope.All);
    }

    private static long Revision(JsonObject rs) =>
        long.TryParse(rs.Metadata()["annotations"]?.Str(RevisionAnnotation), out var r) ? r : 0;

    private static JsonObject NewReplicaSet(JsonObject deployment, string hash, long revision)
    {
        var template = (JsonObject)deployment.At("spec.template")!.DeepClone();
        var templateLabels = template.Metadata()["labels"] as JsonObject ?? new JsonObject();
        templateLabels["pod-template-hash"] = hash;
        template.Metadata()["labels"] = templateLabels;
        var selector = (JsonObject)deployment.At("spec.selector")!.DeepClone();
        var matchLabels = selector["matchLabels"] as JsonObject ?? new JsonObject();
        matchLabels["pod-template-hash"] = hash;
        selector["matchLabels"] = matchLabels;
        return new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "ReplicaSet",
            ["metadata"] = new JsonObject
            {
                ["name"] = $"{deployment.Name()}-{hash}",
                ["namespace"] = deployment.Namespace(),
                ["labels"] = templateLabels.DeepClone(),
                ["annotations"] = new JsonObject
                {
                    ["deployment.kubernetes.io/desired-replicas"] = deployment.Long("spec.replicas", 1).ToString(),
                    ["deployment.kubernetes.io/max-replicas"] = deployment.Long("spec.replicas", 1).ToString(),
                    [RevisionAnnotation] = revision.ToString(),
                },
                ["ownerReferences"] = Owners.ControllerReference(deployment),
            },
            ["spec"] = new JsonObject
            {
                ["replicas"] = deployment.Long("spec.replicas", 1),
                ["selector"] = selector,
                ["template"] = template,
            },
        };
    }
}
