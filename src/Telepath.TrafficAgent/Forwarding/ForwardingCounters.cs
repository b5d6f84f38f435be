namespace Telepath.TrafficAgent.Forwarding;

/// <summary>How many requests ended with each <see cref="ForwardOutcome"/> since the agent started.</summary>
internal sealed class ForwardingCounters
{
    private readonly long[] _counts = new long[Enum.GetValues<ForwardOutcome>().Length];

    public void Count(ForwardOutcome outcome) => Interlocked.Increment(ref _counts[(int)outcome]);

    public long this[ForwardOutcome outcome] => Interlocked.Read(ref _counts[(int)outcome]);
}
