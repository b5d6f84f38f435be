using Microsoft.AspNetCore.Http;
using Telepath.TrafficManager.Tunnels;

namespace Telepath.TrafficManager.Volumes;

/// <summary>
/// A tunnel an agent opened ahead of need to serve its app's volumes, held unanswered until a laptop's
/// volumes tunnel takes it. Taken and aborted are exclusive: whichever claims it first wins.
/// </summary>
internal sealed class VolumeStandby(HttpContext context, string workload, string sessionId)
{
    private int _claimed;

    public HttpContext Context { get; } = context;

    /// <summary>"namespace/workload" of the agent: any of the workload's agents serves the same volumes.</summary>
    public string Workload { get; } = workload;

    public string SessionId { get; } = sessionId;

    /// <summary>Completes when the standby's request may end: with a refusal to answer it, or null when it was joined or aborted.</summary>
    public TaskCompletionSource<TunnelRefusal?> Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Claims it for a join or an abort; false when something else already has.</summary>
    public bool TryClaim() => Interlocked.Exchange(ref _claimed, 1) == 0;

    public static string KeyOf(string @namespace, string workload) => $"{@namespace}/{workload}";
}
