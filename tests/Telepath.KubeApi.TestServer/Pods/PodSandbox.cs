using System.Net;

namespace Telepath.KubeApi.TestServer.Pods;

/// <summary>One pod "running" locally: its address, start time and containers.</summary>
internal sealed class PodSandbox(string @namespace, string name, string uid, IPAddress ip, DateTimeOffset startTime, IReadOnlyList<ContainerRun> containers)
{
    public string Namespace { get; } = @namespace;

    public string Name { get; } = name;

    public string Uid { get; } = uid;

    public IPAddress Ip { get; } = ip;

    public DateTimeOffset StartTime { get; } = startTime;

    public IReadOnlyList<ContainerRun> Containers { get; } = containers;

    public CancellationTokenSource Stopping { get; } = new();

    /// <summary>The projected token volumes, once mounted; disposed when the pod goes.</summary>
    public ProjectedTokenVolumes? Volumes { get; set; }

    /// <summary>The configMap, secret and emptyDir volumes, once mounted; disposed when the pod goes.</summary>
    public ObjectVolumes? Files { get; set; }

    /// <summary>Guards the container states and orders the status writes of this pod.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);
}
