using Microsoft.AspNetCore.Http;

namespace Telepath.TrafficManager.Tunnels;

/// <summary>
/// A tunnel a laptop opened ahead of need for one intercept, held unanswered until an agent's tunnel
/// takes it. Taken, retired and aborted are exclusive: whichever claims it first wins.
/// </summary>
internal sealed class Standby(HttpContext context, string interceptId)
{
    private const int Parked = 0;
    private const int Claimed = 1;
    private int _state = Parked;

    public HttpContext Context { get; } = context;

    public string InterceptId { get; } = interceptId;

    /// <summary>Completes when the standby's request may end; its handler waits for it.</summary>
    public TaskCompletionSource<StandbyEnd> Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Claims it for a join, a retirement or an abort; false when something else already has.</summary>
    public bool TryClaim() => Interlocked.CompareExchange(ref _state, Claimed, Parked) == Parked;
}
