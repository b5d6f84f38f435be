using Telepath.Daemon.Intercepts;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Telepath.Core;
using Telepath.Daemon.Kubernetes;
using Telepath.Daemon.Previews;
using Telepath.Daemon.Sessions;
using Telepath.Daemon.Watching;
using Telepath.Daemon.Workloads;
using Telepath.Protocol.Daemon;
using Telepath.Protocol.Manager;
using ProtocolDaemon = Telepath.Protocol.Daemon.Daemon;

namespace Telepath.Daemon.Api;

/// <summary>The CLI's API; each call is a thin step into <see cref="DaemonState"/> and its connection.</summary>
public sealed class DaemonService(DaemonState state, PreviewBook previews, IHostApplicationLifetime lifetime) : ProtocolDaemon.DaemonBase
{
    public override Task<VersionReply> Version(Empty request, ServerCallContext context) =>
        Task.FromResult(new VersionReply { DaemonVersion = TelepathVersion.Current, ManagerVersion = state.Connection?.ManagerVersion ?? "" });

    public override async Task<StatusReply> Connect(ConnectRequest request, ServerCallContext context)
    {
        var connection = await state.ConnectAsync(request, context.CancellationToken).ConfigureAwait(false);
        return StatusReplies.For(connection, state.Proxy, state.Network);
    }

    public override async Task ConnectWithProgress(ConnectRequest request, IServerStreamWriter<ConnectEvent> responseStream, ServerCallContext context)
    {
        var events = new ProgressStream<ConnectEvent>(responseStream, line => new ConnectEvent { Progress = line }, context.CancellationToken);
        ManagerConnection? connection;
        try
        {
            connection = await state.ConnectAsync(
                request, new ConnectProgress(events, () => events.Add(new ConnectEvent { Prepared = new Empty() })), context.CancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await events.CompleteAsync().ConfigureAwait(false);
        }

        if (connection is not null)
        {
            await responseStream.WriteAsync(new ConnectEvent { Connected = StatusReplies.For(connection, state.Proxy, state.Network) }, context.CancellationToken).ConfigureAwait(false);
        }
    }

    public override Task<StatusReply> Status(Empty request, ServerCallContext context)
    {
        var reply = StatusReplies.For(state.Connection, state.Proxy, state.Network);
        foreach (var preview in previews.Entries)
        {
            reply.PreviewUrls[preview.InterceptName] = preview.Url;
        }

        return Task.FromResult(reply);
    }

    public override Task<ListReply> List(Empty request, ServerCallContext context)
    {
        var connection = state.RequireConnection();
        return Task.FromResult(WorkloadList.Build(connection.View.Agents, connection.View.Intercepts, connection.Options.Namespace));
    }

    public override async Task<ListReply> ListWorkloads(ListRequest request, ServerCallContext context)
    {
        var connection = state.RequireConnection();
        return state.Kube is { } kube
            ? await ClusterWorkloadList.BuildAsync(kube, connection.View.Intercepts, request.AllNamespaces, context.CancellationToken).ConfigureAwait(false)
            : WorkloadList.Build(connection.View.Agents, connection.View.Intercepts, connection.Options.Namespace);
    }

    public override async Task InterceptWithProgress(InterceptRequest request, IServerStreamWriter<InterceptEvent> responseStream, ServerCallContext context)
    {
        var connection = state.RequireConnection();
        var progress = new ProgressStream<InterceptEvent>(responseStream, line => new InterceptEvent { Progress = line }, context.CancellationToken);
        try
        {
            if (state.Kube is { } kube)
            {
                await new AgentPreparation(kube, connection).PrepareAsync(request, progress, context.CancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await progress.CompleteAsync().ConfigureAwait(false);
        }

        // A preview URL works by the header the hub adds: the intercept must be a personal one.
        request.AutoHeader |= request.Preview is not null;
        var intercept = await connection.Intercepts.InterceptAsync(request, context.CancellationToken).ConfigureAwait(false);
        var done = new InterceptEvent { Intercept = intercept.WithoutEnvironment() };
        if (request.Preview is { } preview)
        {
            done.PreviewUrl = await CreatePreviewAsync(connection, intercept, preview, context.CancellationToken).ConfigureAwait(false);
        }

        if (request.Mount is not { Disabled: true })
        {
            var mounting = new ProgressStream<InterceptEvent>(responseStream, line => new InterceptEvent { Progress = line }, context.CancellationToken);
            try
            {
                done.Mount = await connection.Intercepts.MountVolumesAsync(intercept, request.Mount, mounting, context.CancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await mounting.CompleteAsync().ConfigureAwait(false);
            }
        }

        // The create reply carries it when the view has not caught up yet.
        done.Environment.Add(intercept.Environment.Count > 0 ? intercept.Environment : connection.View.EnvironmentOf(intercept.Id).ToDictionary());
        await responseStream.WriteAsync(done, context.CancellationToken).ConfigureAwait(false);
    }

    public override async Task<InterceptInfo> Intercept(InterceptRequest request, ServerCallContext context) =>
        (await state.RequireConnection().Intercepts.InterceptAsync(request, context.CancellationToken).ConfigureAwait(false)).WithoutEnvironment();

    public override async Task<InterceptInfo> Leave(LeaveRequest request, ServerCallContext context)
    {
        var left = await state.RequireConnection().Intercepts.LeaveAsync(request.Name, context.CancellationToken).ConfigureAwait(false);
        await previews.EndAsync(request.Name).ConfigureAwait(false);
        return left;
    }

    public override async Task<IngressInfo> SuggestIngress(InterceptRequest request, ServerCallContext context)
    {
        state.RequireConnection();
        return state.Kube is { } kube
            ? await IngressSuggestion.ForAsync(kube, request, context.CancellationToken).ConfigureAwait(false)
            : new IngressInfo();
    }

    /// <summary>The manager's request log for this laptop's session, passed on batch by batch until the CLI hangs up.</summary>
    public override Task WatchRequests(WatchRequest request, IServerStreamWriter<RequestEventBatch> responseStream, ServerCallContext context) =>
        ResumingWatch.RunAsync(state.RequireConnection(), request, responseStream, context.CancellationToken);

    public override async Task<Empty> Quit(Empty request, ServerCallContext context)
    {
        await previews.EndAllAsync().ConfigureAwait(false);
        await state.DisconnectAsync().ConfigureAwait(false);

        // Stop only once the reply is on its way, so the CLI hears that the quit went through.
        context.GetHttpContext().Response.OnCompleted(() =>
        {
            lifetime.StopApplication();
            return Task.CompletedTask;
        });
        return new Empty();
    }

    // No intercept without the preview that was asked for: one that the hub refused is left again.
    private async Task<string> CreatePreviewAsync(ManagerConnection connection, InterceptInfo intercept, PreviewRequest preview, CancellationToken cancellationToken)
    {
        try
        {
            return (await previews.CreateAsync(intercept, preview, cancellationToken).ConfigureAwait(false)).Url;
        }
        catch
        {
            await connection.Intercepts.LeaveAsync(intercept.Spec.Name, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }
}
