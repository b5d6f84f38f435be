using Telepath.Protocol.Manager;
using Telepath.Tunnels.Streams;

namespace Telepath.TrafficAgent.Tunnels;

/// <summary>
/// Thrown only from the HTTP handler's connect callback, the one place an outcome must travel as an
/// exception; the forwarder finds it in <c>IForwarderErrorFeature</c> and turns it back into a value.
/// </summary>
internal sealed class TunnelDialException(TunnelDialOutcome outcome, string message) : IOException(message)
{
    public TunnelDialOutcome Outcome { get; } = outcome;

    /// <summary>
    /// Finds the dial failure behind the wrappers HttpClient and the forwarder put around it: the
    /// tunnel's open, or the laptop's dial reply read from an open tunnel (its target was unreachable,
    /// or the laptop went away before it answered).
    /// </summary>
    public static TunnelDialException? FindIn(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case TunnelDialException dial:
                    return dial;
                case TunnelException { Code: TunnelErrorCode.TargetUnreachable } target:
                    return new TunnelDialException(TunnelDialOutcome.TargetUnreachable, target.Message);
                case TunnelException { Code: TunnelErrorCode.ClientUnreachable } silent:
                    return new TunnelDialException(TunnelDialOutcome.LaptopVanished, silent.Message);
                case AggregateException aggregate:
                    return aggregate.InnerExceptions.Select(FindIn).FirstOrDefault(d => d is not null);
            }
        }

        return null;
    }
}
