using Grpc.Core;
using Grpc.Core.Interceptors;
using Telepath.Core;

namespace Telepath.Daemon.Api;

/// <summary>
/// A <see cref="UserErrorException"/> thrown while serving a call (the Kubernetes library's one-line
/// errors) reaches the CLI as a status with that line, which it prints as it is.
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
        catch (UserErrorException e)
        {
            throw ToStatus(e);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context).ConfigureAwait(false);
        }
        catch (UserErrorException e)
        {
            throw ToStatus(e);
        }
    }

    private static RpcException ToStatus(UserErrorException e) => new(new Status(StatusCode.FailedPrecondition, e.Message));
}
