using System.Text.Json.Nodes;

namespace Telepath.KubeApi.TestServer.Pods;

/// <summary>Writes a pod's <c>status</c> the way the kubelet reports it.</summary>
internal static class PodStatusBuilder
{
    public static JsonObject Build(PodSandbox pod)
    {
        var allReady = pod.Containers.All(c => c.Ready);
        var anyStarted = pod.Containers.Any(c => c.StartedAt is not null || c.RestartCount > 0);
        var since = Time(pod.StartTime);
        var notReady = $"containers with unready status: [{string.Join(" ", pod.Containers.Where(c => !c.Ready).Select(c => c.Name))}]";
        return new JsonObject
        {
            ["phase"] = anyStarted ? "Running" : "Pending",
            ["conditions"] = new JsonArray(
                Condition("PodReadyToStartContainers", true, since),
                Condition("Initialized", true, since),
                Condition("Ready", allReady, since, allReady ? null : notReady),
                Condition("ContainersReady", allReady, since, allReady ? null : notReady),
                Condition("PodScheduled", true, since)),
            ["hostIP"] = "127.0.0.1",
            ["hostIPs"] = new JsonArray(new JsonObject { ["ip"] = "127.0.0.1" }),
            ["podIP"] = pod.Ip.ToString(),
            ["podIPs"] = new JsonArray(new JsonObject { ["ip"] = pod.Ip.ToString() }),
            ["startTime"] = since,
            ["containerStatuses"] = new JsonArray(pod.Containers.Select(c => (JsonNode)Container(pod, c)).ToArray()),
            ["qosClass"] = "BestEffort",
        };
    }

    private static JsonObject Container(PodSandbox pod, ContainerRun c)
    {
        JsonObject state = c.WaitingReason is not null
            ? new JsonObject { ["waiting"] = Waiting(c) }
            : new JsonObject { ["running"] = new JsonObject { ["startedAt"] = Time(c.StartedAt ?? pod.StartTime) } };
        var lastState = c.LastExitCode is { } code
            ? new JsonObject
            {
                ["terminated"] = new JsonObject
                {
                    ["exitCode"] = code,
                    ["reason"] = code == 0 ? "Completed" : "Error",
                    ["startedAt"] = Time(c.StartedAt ?? pod.StartTime),
                    ["finishedAt"] = Time(c.LastFinishedAt ?? pod.StartTime),
                },
            }
            : new JsonObject();
        var status = new JsonObject
        {
            ["name"] = c.Name,
            ["state"] = state,
            ["lastState"] = lastState,
            ["ready"] = c.Ready,
            ["restartCount"] = c.RestartCount,
            ["image"] = c.Image,
            ["imageID"] = "",
            ["started"] = c.WaitingReason is null,
        };
        if (c.StartedAt is not null)
        {
            status["imageID"] = $"{c.Image}@sha256:{new string('0', 64)}";
            status["containerID"] = $"containerd://{pod.Uid.Replace("-", "", StringComparison.Ordinal)}{c.Name}";
        }

        return status;
    }

    private static JsonObject Waiting(ContainerRun c)
    {
        var waiting = new JsonObject { ["reason"] = c.WaitingReason };
        if (c.WaitingMessage is not null)
        {
            waiting["message"] = c.WaitingMessage;
        }

        return waiting;
    }

    private static JsonObject Condition(string type, bool status, string since, string? message = null)
    {
        var condition = new JsonObject
        {
            ["type"] = type,
            ["status"] = status ? "True" : "False",
            ["lastProbeTime"] = null,
            ["lastTransitionTime"] = since,
        };
        if (message is not null)
        {
            condition["reason"] = "ContainersNotReady";
            condition["message"] = message;
        }

        return condition;
    }

    private static string Time(DateTimeOffset? time) =>
        (time ?? DateTimeOffset.UnixEpoch).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
}
