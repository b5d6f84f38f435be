using Microsoft.Extensions.Logging;
using Telepath.Daemon.Tunnels;

namespace Telepath.Daemon;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Telepath daemon {Version} listening on {Socket} (pid {Pid})")]
    public static partial void Started(ILogger logger, string version, string socket, int pid);

    [LoggerMessage(2, LogLevel.Information, "Telepath daemon stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(3, LogLevel.Information, "Removed the stale socket {Socket} (no daemon listened on it)")]
    public static partial void StaleSocketRemoved(ILogger logger, string socket);

    [LoggerMessage(4, LogLevel.Error, "Another daemon already listens on {Socket}; this one exits")]
    public static partial void AlreadyRunning(ILogger logger, string socket);

    [LoggerMessage(5, LogLevel.Critical, "The daemon failed")]
    public static partial void Crashed(ILogger logger, Exception exception);

    [LoggerMessage(10, LogLevel.Information, "Arrived at the traffic manager {Address} as {Client} (session {SessionId}, manager {ManagerVersion})")]
    public static partial void Arrived(ILogger logger, string address, string client, string sessionId, string managerVersion);

    [LoggerMessage(11, LogLevel.Warning, "Lost the traffic manager: {Problem}; reconnecting in {Delay}")]
    public static partial void ManagerLost(ILogger logger, string problem, TimeSpan delay);

    [LoggerMessage(12, LogLevel.Information, "Reached the traffic manager {Address} again")]
    public static partial void ManagerRecovered(ILogger logger, string address);

    [LoggerMessage(13, LogLevel.Information, "Departed from the traffic manager {Address}")]
    public static partial void Departed(ILogger logger, string address);

    [LoggerMessage(14, LogLevel.Debug, "Could not depart from the traffic manager {Address}: {Detail}")]
    public static partial void DepartFailed(ILogger logger, string address, string detail);

    [LoggerMessage(20, LogLevel.Information, "Intercept {Name} of {Workload} created (id {Id})")]
    public static partial void InterceptCreated(ILogger logger, string name, string workload, string id);

    [LoggerMessage(21, LogLevel.Information, "Intercept {Name} re-created after arriving again (id {Id})")]
    public static partial void InterceptRecreated(ILogger logger, string name, string id);

    [LoggerMessage(22, LogLevel.Warning, "Intercept {Name} could not be re-created yet: {Detail}")]
    public static partial void InterceptRecreateFailed(ILogger logger, string name, string detail);

    [LoggerMessage(23, LogLevel.Information, "Left intercept {Name}; {Cut} tunnel(s) were still open after the grace period and were closed")]
    public static partial void InterceptLeft(ILogger logger, string name, int cut);

    [LoggerMessage(24, LogLevel.Warning, "Could not leave intercept {Name} while quitting: {Detail}")]
    public static partial void LeaveFailed(ILogger logger, string name, string detail);

    [LoggerMessage(30, LogLevel.Information, "Dial for intercept {Intercept} failed: {Error}")]
    public static partial void DialFailed(ILogger logger, string intercept, string error);

    [LoggerMessage(31, LogLevel.Debug, "Standby tunnel for intercept {Intercept} refused: {Code}: {Message}; offering again in {Delay}")]
    public static partial void StandbyRefused(ILogger logger, string intercept, Telepath.Protocol.Manager.TunnelErrorCode code, string message, TimeSpan delay);

    [LoggerMessage(32, LogLevel.Debug, "Tunnel {ConnectionId} for intercept {Intercept} ended: {Outcome}")]
    public static partial void TunnelEnded(ILogger logger, string connectionId, string intercept, DialOutcome outcome);

    [LoggerMessage(40, LogLevel.Information, "Port-forward opened to the traffic manager pod {Namespace}/{Pod}")]
    public static partial void PortForwardOpened(ILogger logger, string pod, string @namespace);

    [LoggerMessage(29, LogLevel.Warning, "The claim annotation on {Workload} could not be removed ({Reason}); uninstall removes it")]
    public static partial void ClaimNotRemoved(ILogger logger, string workload, string reason);
}
