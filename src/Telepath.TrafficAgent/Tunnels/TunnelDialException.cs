namespace Telepath.TrafficAgent.Tunnels;

/// <summary>
/// Thrown only from the HTTP handler's connect callback, the one place an outcome must travel as an
/// exception; the forwarder finds it in <c>IForwarderErrorFeature</c> and turns it back into a value.
/// </summary>
internal sealed class TunnelDialException(TunnelDialOutcome outcome, string message) : IOException(message)
{
    public TunnelDialOutcome Outcome { get; } = outcome;

    /// <summary>Finds the dial failure behind the wrappers HttpClient and the forwarder put around it.</summary>
    public static TunnelDialException? FindIn(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is TunnelDialException dial)
            {
                return dial;
            }

            if (e is AggregateException aggregate)
            {
                return aggregate.InnerExceptions.Select(FindIn).FirstOrDefault(d => d is not null);
            }
        }

        return null;
    }
}
