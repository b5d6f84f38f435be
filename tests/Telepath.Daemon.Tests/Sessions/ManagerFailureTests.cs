using System.Net.Sockets;
using Grpc.Core;
using Telepath.Daemon.Sessions;

namespace Telepath.Daemon.Tests.Sessions;

public sealed class ManagerFailureTests
{
    [Fact]
    public void Unreachable_names_the_address_and_the_socket_error()
    {
        var socketError = new HttpRequestException("Connection refused (127.0.0.1:9)", new SocketException((int)SocketError.ConnectionRefused));
        var failure = new RpcException(new Status(StatusCode.Unavailable, "Error connecting to subchannel.", socketError));

        var described = ManagerFailure.Describe(failure, "127.0.0.1:9");

        Assert.Equal(StatusCode.Unavailable, described.StatusCode);
        Assert.Equal("cannot reach the traffic manager at 127.0.0.1:9: connection refused", described.Status.Detail);
    }

    [Fact]
    public void A_refused_token_says_to_check_the_token_file()
    {
        var failure = new RpcException(new Status(StatusCode.Unauthenticated, "a valid bearer token is required"));

        var described = ManagerFailure.Describe(failure, "10.0.0.1:8081");

        Assert.Equal(StatusCode.Unauthenticated, described.StatusCode);
        Assert.Equal("the traffic manager at 10.0.0.1:8081 refused the token (Unauthenticated); check the token file", described.Status.Detail);
    }
}
