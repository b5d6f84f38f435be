using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Telepath.Core;
using Telepath.Daemon.Workloads;
using Telepath.Protocol.Daemon;
using Telepath.Protocol.Manager;
using ProtocolDaemon = Telepath.Protocol.Daemon.Daemon;

namespace Telepath.Daemon.Api;

/// <summary>The CLI's API; each call is a thin step into <see cref="DaemonState"/> and its connection.</summary>
public sealed class DaemonService(DaemonState state, IHostApplicationLifetime lifetime) : ProtocolDaemon.DaemonBase
{
    public override Task<VersionReply> Version(Empty request, ServerCallContext context) =>
        Task.FromResult(new VersionReply { DaemonVersion = TelepathVersion.Current, ManagerVersion = state.Connection?.ManagerVersion ?? "" });

    public override async Task<StatusReply> Connect(ConnectRequest request, ServerCallContext context)
    {
        if (request.ManagerAddress.Length == 0)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "connecting through Kubernetes is not built yet; --manager HOST:PORT is required for now"));
        }

        var connection = await state.ConnectAsync(request, context.CancellationToken).ConfigureAwait(false);
        return StatusReplies.For(connection);
    }

    public override Task<StatusReply> Status(Empty request, ServerCallContext context) =>
        Task.FromResult(StatusReplies.For(state.Connection));

    public override Task<ListReply> List(Empty request, ServerCallContext context)
    {
        var connection = state.RequireConnection();
        return Task.FromResult(WorkloadList.Build(connection.View.Agents, connection.View.Intercepts, connection.Options.Namespace));
    }

    public override Task<InterceptInfo> Intercept(InterceptRequest request, ServerCallContext context) =>
        state.RequireConnection().InterceptAsync(request, context.CancellationToken);

    public override Task<InterceptInfo> Leave(LeaveRequest request, ServerCallContext context) =>
        state.RequireConnection().LeaveAsync(request.Name, context.CancellationToken);

    public override async Task<Empty> Quit(Empty request, ServerCallContext context)
    {
        await state.DisconnectAsync().ConfigureAwait(false);

        // Stop only once the reply is on its way, so the CLI hears that the quit went through.
        context.GetHttpContext().Response.OnCompleted(() =>
        {
            lifetime.StopApplication();
            return Task.CompletedTask;
        });
        return new Empty();
    }
}
