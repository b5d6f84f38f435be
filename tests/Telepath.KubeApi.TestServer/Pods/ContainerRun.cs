namespace Telepath.KubeApi.TestServer.Pods;

/// <summary>What the kubelet knows about one container; read by <see cref="PodStatusBuilder"/>.</summary>
internal sealed class ContainerRun(string name, string image, IReadOnlyList<int> ports)
{
    public string Name { get; } = name;

    public string Image { get; } = image;

    public IReadOnlyList<int> Ports { get; } = ports;

    public IRunningContainer? Process { get; set; }

    public string? WaitingReason { get; set; } = "ContainerCreating";

    public string? WaitingMessage { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public bool Ready { get; set; }

    public int RestartCount { get; set; }

    public int? LastExitCode { get; set; }

    public DateTimeOffset? LastFinishedAt { get; set; }
}
