using Grpc.Core;
using Telepath.Daemon.Watching;

namespace Telepath.Daemon.Tests.Watching;

/// <summary>Which failures of a watch the daemon waits out (the manager went away or forgot the session) and which end it.</summary>
public sealed class ManagerLossTests
{
    [Theory]
    [InlineData(StatusCode.Unavailable, "Error reading next message.")]
    [InlineData(StatusCode.Internal, "Error reading next message. IOException: The request was aborted.")]
    [InlineData(StatusCode.Cancelled, "Call canceled by the client.")]
    [InlineData(StatusCode.NotFound, "the session is not known to this manager; arrive again")]
    public void A_manager_that_went_away_or_forgot_the_session_is_waited_out(StatusCode code, string detail) =>
        Assert.True(ManagerLoss.Is(new RpcException(new Status(code, detail))));

    [Theory]
    [InlineData(StatusCode.NotFound, "no intercept named \"orders\"")]
    [InlineData(StatusCode.Unauthenticated, "a valid bearer token is required")]
    [InlineData(StatusCode.PermissionDenied, "only clients watch requests")]
    public void An_answer_to_the_watch_itself_ends_it(StatusCode code, string detail) =>
        Assert.False(ManagerLoss.Is(new RpcException(new Status(code, detail))));
}
