namespace Telepath.Tunnels.Relays;

/// <summary>How a relay ended, and how many bytes each direction delivered (read from one end and written to the other).</summary>
/// <param name="AToB">Bytes from the first end given to <see cref="DuplexRelay.RunAsync(RelayEnd, RelayEnd, RelayOptions, CancellationToken)"/> to the second.</param>
/// <param name="BToA">Bytes from the second end to the first.</param>
public readonly record struct RelayResult(RelayOutcome Outcome, long AToB, long BToA);
