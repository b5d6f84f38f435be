using System.Net.Sockets;
using Grpc.Core;

namespace Telepath.Daemon.Sessions;

/// <summary>Turns a failed call to the manager into one line that says what is wrong and what to do.</summary>
public static class ManagerFailure
{
    /// <param name="tokenless">Whether we sent no token (Kubernetes mode: the port-forward is our credential).</param>
    public static RpcException Describe(RpcException failure, string address, bool tokenless = false)
    {
        var detail = failure.StatusCode switch
        {
            StatusCode.Unauthenticated when tokenless =>
                $"the traffic manager at {address} refused this laptop ({failure.Status.Detail}); a manager older than this telepath expects a token: run \"telepath install --upgrade\"",
            StatusCode.Unauthenticated => $"the traffic manager at {address} refused the token (Unauthenticated); check the token file",
            StatusCode.Unavailable => $"cannot reach the traffic manager at {address}: {Reason(failure)}",
            StatusCode.DeadlineExceeded => $"cannot reach the traffic manager at {address}: it did not answer in time",
            _ => $"the traffic manager at {address} refused the connection: {failure.Status.Detail}",
        };
        return new RpcException(new Status(failure.StatusCode, detail));
    }

    /// <summary>The socket error when there is one ("connection refused"), else gRPC's own detail.</summary>
    public static string Reason(RpcException failure)
    {
        for (Exception? e = failure.Status.DebugException ?? failure.InnerException; e is not null; e = e.InnerException)
        {
            if (e is SocketException socket)
            {
                return LowerFirst(socket.Message);
            }
        }

        return LowerFirst(failure.Status.Detail.TrimEnd('.'));
    }

    private static string LowerFirst(string text) =>
        text.Length > 0 && char.IsUpper(text[0]) && (text.Length == 1 || !char.IsUpper(text[1])) ? char.ToLowerInvariant(text[0]) + text[1..] : text;
}
