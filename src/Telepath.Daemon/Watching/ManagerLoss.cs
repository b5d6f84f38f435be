using Grpc.Core;

namespace Telepath.Daemon.Watching;

/// <summary>
/// Whether a watch's failure is the manager going away or forgetting the session (what the session loop
/// recovers from), rather than an answer to the watch itself (an unknown intercept, a refused token).
/// </summary>
internal static class ManagerLoss
{
    // The manager's own words for a session it does not know (docs/protocol.md, "Sessions and leases").
    private const string UnknownSession = "session is not known";

    public static bool Is(RpcException failure) => failure.StatusCode switch
    {
        StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Internal or StatusCode.Unknown or StatusCode.Aborted => true,
        // Our token was not canceled (the caller checks), so it was the connection that canceled the call.
        StatusCode.Cancelled => true,
        StatusCode.NotFound => failure.Status.Detail.Contains(UnknownSession, StringComparison.Ordinal),
        _ => false,
    };
}
