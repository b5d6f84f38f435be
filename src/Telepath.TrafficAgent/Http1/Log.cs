using Microsoft.Extensions.Logging;
using Telepath.TrafficAgent.Forwarding;

namespace Telepath.TrafficAgent.Http1;

internal static partial class Log
{
    [LoggerMessage(600, LogLevel.Debug, "{Method} {Path} (HTTP/1.x, relayed): {Outcome}")]
    public static partial void Relayed(ILogger logger, string method, string path, ForwardOutcome outcome);

    [LoggerMessage(601, LogLevel.Information, "intercept \"{Intercept}\" cannot take {Method} {Path} ({Reason}: {Message}); the app serves it")]
    public static partial void FailingOpen(ILogger logger, string intercept, string method, string path, string reason, string message);

    [LoggerMessage(602, LogLevel.Warning, "{Method} {Path}: {Destination} failed: {Problem}")]
    public static partial void ExchangeFailed(ILogger logger, string method, string path, string destination, string problem);

    [LoggerMessage(603, LogLevel.Debug, "connection {ConnectionId}: a request the relay does not forward as it is (unusual framing, target or head); Kestrel takes the connection")]
    public static partial void HandedToKestrel(ILogger logger, string connectionId);
}
