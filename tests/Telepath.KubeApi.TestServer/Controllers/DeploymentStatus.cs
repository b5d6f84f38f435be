using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Storage;

namespace Telepath.KubeApi.TestServer.Controllers;

/// <summary>A Deployment's status and its Available/Progressing conditions, with the real reasons.</summary>
internal static class DeploymentStatus
{
    public static JsonObject Compute(JsonObject deployment, JsonObject current, IReadOnlyList<JsonObject> old, bool created, DateTimeOffset now)
    {
        var wanted = deployment.Long("spec.replicas", 1);
        var all = old.Append(current).ToList();
        var total = all.Sum(rs => rs.Long("status.replicas"));
        var updated = current.Long("status.replicas");
        var ready = all.Sum(rs => rs.Long("status.readyReplicas"));
        var available = all.Sum(rs => rs.Long("status.availableReplicas"));
        var status = Owners.Counts(
            ("observedGeneration", deployment.Long("metadata.generation")),
            ("replicas", total),
            ("updatedReplicas", updated),
            ("readyReplicas", ready),
            ("availableReplicas", available),
            ("unavailableReplicas", Math.Max(0, wanted - available)));

        var previous = deployment.Array("status.conditions").OfType<JsonObject>().ToList();
        var maxUnavailable = wanted / 4; // the default 25%, rounded down
        var minimumAvailable = available >= wanted - maxUnavailable;
        var available_ = minimumAvailable
            ? Condition(previous, "Available", true, "MinimumReplicasAvailable", "Deployment has minimum availability.", now)
            : Condition(previous, "Available", false, "MinimumReplicasUnavailable", "Deployment does not have minimum availability.", now);

        var rsName = current.Name();
        var complete = updated == wanted && total == wanted && available >= wanted;
        JsonObject progressing;
        if (complete)
        {
            progressing = Condition(previous, "Progressing", true, "NewReplicaSetAvailable", $"ReplicaSet \"{rsName}\" has successfully progressed.", now);
        }
        else if (Stalled(deployment, previous, rsName, now))
        {
            progressing = Condition(previous, "Progressing", false, "ProgressDeadlineExceeded", $"ReplicaSet \"{rsName}\" has timed out progressing.", now);
        }
        else if (created)
        {
            progressing = Condition(previous, "Progressing", true, "NewReplicaSetCreated", $"Created new replica set \"{rsName}\"", now);
        }
        else
        {
            var before = previous.FirstOrDefault(c => c.Str("type") == "Progressing");
            progressing = before?.Str("reason") is "NewReplicaSetCreated" or "ReplicaSetUpdated" or "ProgressDeadlineExceeded" && before.Str("message")!.Contains(rsName, StringComparison.Ordinal)
                ? (JsonObject)before.DeepClone()
                : Condition(previous, "Progressing", true, "ReplicaSetUpdated", $"ReplicaSet \"{rsName}\" is progressing.", now);
        }

        status["conditions"] = new JsonArray(available_, progressing);
        return status;
    }

    // No progress for progressDeadlineSeconds since the Progressing condition last changed.
    private static bool Stalled(JsonObject deployment, IReadOnlyList<JsonObject> previous, string rsName, DateTimeOffset now)
    {
        var progressing = previous.FirstOrDefault(c => c.Str("type") == "Progressing");
        if (progressing?.Str("reason") == "ProgressDeadlineExceeded")
        {
            // Stays exceeded until a new rollout (another ReplicaSet) starts.
            return progressing.Str("message")!.Contains($"\"{rsName}\"", StringComparison.Ordinal);
        }

        var deadline = deployment.Long("spec.progressDeadlineSeconds", 600);
        return progressing?.Str("lastUpdateTime") is { } since &&
               progressing.Str("reason") != "NewReplicaSetAvailable" &&
               now - DateTimeOffset.Parse(since, System.Globalization.CultureInfo.InvariantCulture) > TimeSpan.FromSeconds(deadline);
    }

    private static JsonObject Condition(IReadOnlyList<JsonObject> previous, string type, bool status, string reason, string message, DateTimeOffset now)
    {
        var stamp = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
        var before = previous.FirstOrDefault(c => c.Str("type") == type);
        var sameStatus = before?.Str("status") == (status ? "True" : "False");
        var unchanged = sameStatus && before!.Str("reason") == reason && before.Str("message") == message;
        return new JsonObject
        {
            ["type"] = type,
            ["status"] = status ? "True" : "False",
            ["lastUpdateTime"] = unchanged ? before!.Str("lastUpdateTime") : stamp,
            ["lastTransitionTime"] = sameStatus ? before!.Str("lastTransitionTime") : stamp,
            ["reason"] = reason,
            ["message"] = message,
        };
    }
}
