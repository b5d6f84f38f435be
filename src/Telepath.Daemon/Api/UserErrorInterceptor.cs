using System.Net;
using Grpc.Core;
using Grpc.Core.Interceptors;
using k8s.Autorest;
using Telepath.Core;
using Telepath.Kubernetes.Errors;

namespace Telepath.Daemon.Api;

/// <summary>
/// A <see cref="UserErrorException"/> thrown while serving a call (the Kubernetes library's one-line
/// errors), or a refusal of the API server, reaches the CLI as a status with one line, which it
/// prints as it is.
/// </summary>
public sealed class UserErrorInterceptor : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context).ConfigureAwait(false);
        }
        catch (Exception e) when (ToStatus(e) is { } status)
        {
            throw status;
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context).ConfigureAwait(false);
        }
        catch (Exception e) when (ToStatus(e) is { } status)
        {
            throw status;
        }
    }

    // A refusal of the API server that the library did not word itself is still one line.
    private static RpcException? ToStatus(Exception e) => e switch
    {
        UserErrorException user => new(new Status(StatusCode.FailedPrecondition, user.Message)),
        HttpOperationException { Response.StatusCode: HttpStatusCode.Forbidden } forbidden =>
            new(new Status(StatusCode.PermissionDenied, Forbidden.ToUserError(forbidden, "access", "the resource", null).Message)),
        HttpOperationException http =>
            new(new Status(StatusCode.FailedPrecondition, $"the Kubernetes API server refused: {KubeStatus.Message(http)}")),
        _ => null,
    };
}
