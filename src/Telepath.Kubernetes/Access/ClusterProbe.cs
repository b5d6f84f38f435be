using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using k8s;
using k8s.Autorest;
using k8s.Exceptions;
using Telepath.Core;
using Telepath.Kubernetes.Errors;

namespace Telepath.Kubernetes.Access;

/// <summary>
/// Asks the cluster for its version so that an unreachable server, refused credentials or a
/// failing credential plugin surface once, as one line, before any real work.
/// </summary>
internal static class ClusterProbe
{
    public static async Task CheckAsync(KubeAccess access, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await access.Client.Version.GetCodeAsync(deadline.Token);
        }
        catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.Forbidden)
        {
            // Authenticated but not allowed to read /version: the credentials work.
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unreachable(access, $"no answer within {timeout.TotalSeconds:0} s");
        }
        catch (Exception e) when (Describe(access, e) is { } error)
        {
            throw error;
        }
    }

    internal static UserErrorException? Describe(KubeAccess access, Exception e) => e switch
    {
        HttpOperationException { Response.StatusCode: HttpStatusCode.Unauthorized } =>
            new UserErrorException($"the cluster of context \"{access.ContextName}\" refused the credentials (401 Unauthorized): they may have expired; log in again"),
        HttpOperationException http =>
            new UserErrorException($"the cluster of context \"{access.ContextName}\" at {access.ServerUrl} answered {(int?)http.Response?.StatusCode}: {KubeStatus.Message(http)}"),
        KubeConfigException config =>
            new UserErrorException($"the credentials of context \"{access.ContextName}\" could not be obtained: {config.Message}"),
        HttpRequestException request => Unreachable(access, Cause(request)),
        _ => null,
    };

    private static UserErrorException Unreachable(KubeAccess access, string cause) =>
        new($"cannot reach the cluster of context \"{access.ContextName}\" at {access.ServerUrl}: {cause}");

    private static string Cause(HttpRequestException e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused }:
                    return "connection refused";
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain }:
                    return "the host name does not resolve";
                case SocketException socket:
                    return socket.Message;
                case AuthenticationException tls:
                    return $"TLS failed: {tls.Message}";
            }
        }

        return e.Message;
    }
}
