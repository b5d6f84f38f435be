using Telepath.Tunnels.Streams;

namespace Telepath.TrafficAgent.Tunnels;

/// <summary>The result of opening a tunnel: a stream when established, otherwise why not.</summary>
internal readonly record struct TunnelDial(TunnelDialOutcome Outcome, TunnelStream? Stream, string Message)
{
    public static TunnelDial Established(TunnelStream stream) => new(TunnelDialOutcome.Established, stream, "");

    public static TunnelDial Failed(TunnelDialOutcome outcome, string message) => new(outcome, null, message);

    public TunnelStream StreamOrThrow() => Stream ?? throw new TunnelDialException(Outcome, Message);
}
