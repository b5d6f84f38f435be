using Microsoft.Extensions.Logging;
using Telepath.TrafficAgent.Tunnels;
using Yarp.ReverseProxy.Forwarder;

namespace Telepath.TrafficAgent.Forwarding;

internal static partial class Log
{
    [LoggerMessage(400, LogLevel.Debug, "{Method} {Path} ({Protocol}): {Outcome}")]
    public static partial void Forwarded(ILogger logger, string method, string path, string protocol, ForwardOutcome outcome);

    [LoggerMessage(401, LogLevel.Information, "intercept \"{Intercept}\" cannot take {Method} {Path} ({Reason}: {Message}); the app serves it")]
    public static partial void FailingOpen(ILogger logger, string intercept, string method, string path, TunnelDialOutcome reason, string message);

    [LoggerMessage(402, LogLevel.Warning, "intercept \"{Intercept}\" failed {Method} {Path}: {Error}: {Message}")]
    public static partial void InterceptFailed(ILogger logger, string intercept, string method, string path, ForwarderError error, string message);

    [LoggerMessage(403, LogLevel.Warning, "the app at {App} failed {Method} {Path}: {Error}: {Message}")]
    public static partial void AppFailed(ILogger logger, string app, string method, string path, ForwarderError error, string message);

    [LoggerMessage(404, LogLevel.Debug, "the client went away during {Method} {Path}: {Error}")]
    public static partial void ClientGone(ILogger logger, string method, string path, ForwarderError error);
}
