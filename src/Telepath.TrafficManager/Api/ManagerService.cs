using Telepath.Tunnels.Volumes;
using Grpc.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Telepath.Core;
using Telepath.Protocol.Manager;
using Telepath.TrafficManager.Auth;
using Telepath.TrafficManager.Cluster;
using Telepath.TrafficManager.Intercepts;
using Telepath.TrafficManager.Outbound;
using Telepath.TrafficManager.Sessions;
using Telepath.TrafficManager.Watching;
using ProtocolManager = Telepath.Protocol.Manager.Manager;

namespace Telepath.TrafficManager.Api;

/// <summary>The gRPC surface; each call is a thin step into the registry, the table or the broker.</summary>
public sealed class ManagerService(
    SessionRegistry sessions,
    InterceptTable intercepts,
    RequestWatchers watchers,
    WorkloadClaims claims,
    ClusterResolver resolver,
    ClusterView cluster,
    ManagerOptions options,
    IHostApplicationLifetime lifetime,
    ILogger<ManagerService> logger) : ProtocolManager.ManagerBase
{
    private static readonly Empty EmptyReply = new();

    // A rollout changes many pods in a burst; laptops get one snapshot for it, not one per event.
    private static readonly TimeSpan ClusterCoalescing = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan FirstClusterViewPatience = TimeSpan.FromSeconds(10);

    public override Task<SessionInfo> ArriveAsClient(ClientArrival request, ServerCallContext context)
    {
        if (!CallerFeature.Of(context).MayBeClient)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, "an agent's token does not let it arrive as a client"));
        }

        var name = request.Name.Length > 0 ? request.Name : "unknown@unknown";
        var session = sessions.ArriveClient(name);
        Log.Arrived(logger, session.Kind, session.Name, session.Id);
        return Task.FromResult(Info(session));
    }

    public override Task<SessionInfo> ArriveAsAgent(AgentArrival request, ServerCallContext context)
    {
        var caller = CallerFeature.Of(context);
        if (!caller.MayBeAgent)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied,
                "an agent arrives with its pod's projected service-account token (audience telepath); a laptop cannot arrive as one"));
        }

        if (request.Workload.Length == 0)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "an agent must name its workload"));
        }

        var stated = new AgentInfo
        {
            Workload = request.Workload,
            Namespace = request.Namespace.Length > 0 ? request.Namespace : "default",
            WorkloadKind = request.WorkloadKind.Length > 0 ? request.WorkloadKind : "Deployment",
            PodName = request.PodName.Length > 0 ? request.PodName : request.Workload,
            Version = request.Version,
            Volumes = Math.Clamp(request.Volumes, 0, VolumeList.MaxVolumes),
        };
        if (caller.Pod is { } pod && !Matches(stated, pod))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied,
                $"the agent's token is for {pod.Describe()}, not for pod {stated.PodName} of {stated.WorkloadKind} {stated.Workload} in namespace {stated.Namespace}"));
        }

        var session = sessions.ArriveAgent(stated, request.Environment.ToDictionary(), caller.Pod?.PodUid);
        Log.Arrived(logger, session.Kind, session.Name, session.Id);
        intercepts.Changed.Notify();
        return Task.FromResult(Info(session));
    }

    // An agent given an empty pod name (an older one, or a test) is named after its workload; its token still binds it to a pod.
    private static bool Matches(AgentInfo stated, AgentPod pod) =>
        stated.Namespace == pod.Namespace && stated.Workload == pod.Workload && stated.WorkloadKind == pod.WorkloadKind &&
        (stated.PodName == pod.PodName || stated.PodName == stated.Workload);

    public override Task<RemainReply> Remain(SessionRef request, ServerCallContext context)
    {
        Require(request.SessionSecret, context);
        sessions.Remain(request.SessionSecret);
        return Task.FromResult(new RemainReply());
    }

    public override Task<Empty> Depart(SessionRef request, ServerCallContext context)
    {
        if (sessions.TryGet(request.SessionSecret, out var session) && session.Admits(CallerFeature.Of(context)))
        {
            sessions.Depart(session);
            Log.Departed(logger, session.Kind, session.Name, session.Id);
            if (session.Kind == SessionKind.Agent)
            {
                intercepts.Changed.Notify();
            }
        }

        return Task.FromResult(EmptyReply);
    }

    public override Task<WorkloadClaim> ClaimWorkload(ClaimRequest request, ServerCallContext context) =>
        Task.FromResult(claims.Issue(RequireClient(request.SessionSecret, context, "only clients claim workloads"), request));

    public override async Task<InterceptInfo> CreateIntercept(CreateInterceptRequest request, ServerCallContext context)
    {
        var client = RequireClient(request.SessionSecret, context, "only clients own intercepts");
        var spec = request.Spec ?? new InterceptSpec();
        if (claims.Required)
        {
            await VerifyClaimAsync(client, spec, context.CancellationToken).ConfigureAwait(false);
        }

        var info = intercepts.AddEnvironment(intercepts.Create(client, spec, request.Id));
        Log.InterceptCreated(logger, info.Spec.Name, info.Spec.Workload, client.Name, info.Spec.Mirror ? "mirror" : InterceptSpecValidator.IsGlobal(info.Spec) ? "global" : "personal");
        return info;
    }

    private async Task VerifyClaimAsync(Session client, InterceptSpec spec, CancellationToken cancellationToken)
    {
        try
        {
            var kind = await claims.VerifyAsync(client, spec.Namespace, spec.Workload, cancellationToken).ConfigureAwait(false);

            // Agents are matched to intercepts by namespace and name: the claim must be on the workload they serve.
            if (sessions.Agents().FirstOrDefault(a => a.Namespace == spec.Namespace && a.Workload == spec.Workload && a.WorkloadKind != kind) is { } other)
            {
                throw new RpcException(new Status(StatusCode.PermissionDenied,
                    $"the agents of \"{spec.Workload}\" in namespace \"{spec.Namespace}\" serve a {other.WorkloadKind}, but the claim is on a {kind}"));
            }
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.PermissionDenied)
        {
            Log.ClaimRefused(logger, spec.Workload, spec.Namespace, client.Name, e.Status.Detail);
            throw;
        }
    }

    public override Task<Empty> RemoveIntercept(RemoveInterceptRequest request, ServerCallContext context)
    {
        var client = RequireClient(request.SessionSecret, context, "only clients own intercepts");
        intercepts.Remove(client, request.Name);
        Log.InterceptRemoved(logger, request.Name, "left by " + client.Name);
        return Task.FromResult(EmptyReply);
    }

    public override async Task WatchIntercepts(SessionRef request, IServerStreamWriter<InterceptSnapshot> responseStream, ServerCallContext context)
    {
        var session = Require(request.SessionSecret, context);
        using var watch = WatchToken(context);
        var token = watch.Token;
        while (!token.IsCancellationRequested && sessions.IsLive(session))
        {
            // Take the signals before reading the state, so a change made meanwhile wakes us again.
            Task next = Task.WhenAny(intercepts.Changed.Next, sessions.AgentsChanged.Next, watchers.Changed.Next);
            var snapshot = session.Agent is { } agent ? AgentSnapshot(agent) : intercepts.SnapshotFor(session);
            await responseStream.WriteAsync(snapshot, token).ConfigureAwait(false);
            // A cancelled wait ends the loop through its condition rather than as an error.
            await next.WaitAsync(token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private InterceptSnapshot AgentSnapshot(AgentInfo agent)
    {
        var snapshot = intercepts.Snapshot(agent.Workload, agent.Namespace);
        snapshot.Watched = watchers.Any;
        return snapshot;
    }

    public override async Task WatchAgents(SessionRef request, IServerStreamWriter<AgentSnapshot> responseStream, ServerCallContext context)
    {
        var session = Require(request.SessionSecret, context);
        using var watch = WatchToken(context);
        var token = watch.Token;
        while (!token.IsCancellationRequested && sessions.IsLive(session))
        {
            var next = sessions.AgentsChanged.Next;
            var snapshot = new AgentSnapshot();
            snapshot.Agents.AddRange(sessions.Agents());
            await responseStream.WriteAsync(snapshot, token).ConfigureAwait(false);
            // A cancelled wait ends the loop through its condition rather than as an error.
            await next.WaitAsync(token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public override Task<Empty> ReportRoutes(RoutesReport request, ServerCallContext context)
    {
        intercepts.RecordApplied(Require(request.SessionSecret, context), request.InterceptIds);
        return Task.FromResult(EmptyReply);
    }

    public override async Task<Empty> ReportRequests(IAsyncStreamReader<RequestEventBatch> requestStream, ServerCallContext context)
    {
        Session? session = null;
        using var watch = WatchToken(context);
        await foreach (var batch in requestStream.ReadAllAsync(watch.Token).ConfigureAwait(false))
        {
            // The first batch names the session; the workload is the session's, whatever the events say.
            session ??= Require(batch.SessionSecret, context);
            var agent = session.Agent ?? throw new RpcException(new Status(StatusCode.PermissionDenied, "only agents report requests"));
            if (!sessions.IsLive(session))
            {
                // Its lease ran out: the agent arrives again and opens a stream that names the new session.
                throw new RpcException(new Status(StatusCode.NotFound, "the session is gone; arrive again"));
            }

            foreach (var request in batch.Events)
            {
                request.Namespace = agent.Namespace;
                request.Workload = agent.Workload;
                request.Pod = agent.PodName;
            }

            watchers.Publish(new AgentBatch(agent.Workload, agent.Namespace, batch.Events, batch.Dropped));
        }

        return EmptyReply;
    }

    public override async Task WatchRequests(WatchRequestsRequest request, IServerStreamWriter<RequestEventBatch> responseStream, ServerCallContext context)
    {
        var client = RequireClient(request.SessionSecret, context, "only clients watch requests");
        InterceptPlace? only = null;
        if (request.InterceptName.Length > 0)
        {
            only = intercepts.PlaceOf(request.InterceptName)
                ?? throw new RpcException(new Status(StatusCode.NotFound, $"no intercept named \"{request.InterceptName}\""));
        }

        var watcher = watchers.Add(() => new RequestFilter(request.All, only, intercepts.PlacesOwnedBy(client.Id)));
        try
        {
            using var watch = WatchToken(context);
            // An empty batch first: the client knows its watch is in place.
            await responseStream.WriteAsync(new RequestEventBatch(), watch.Token).ConfigureAwait(false);
            await foreach (var batch in watcher.ReadAllAsync(watch.Token).ConfigureAwait(false))
            {
                await responseStream.WriteAsync(batch, watch.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The client stopped watching, or the manager stops.
        }
        finally
        {
            watchers.Remove(watcher);
        }
    }

    public override async Task WatchCluster(SessionRef request, IServerStreamWriter<ClusterInfo> responseStream, ServerCallContext context)
    {
        var client = RequireClient(request.SessionSecret, context, "only clients watch the cluster");
        using var watch = WatchToken(context);
        var token = watch.Token;
        await cluster.WaitForFirstViewAsync(FirstClusterViewPatience, token).ConfigureAwait(false);
        while (!token.IsCancellationRequested && sessions.IsLive(client))
        {
            // Take the signal before reading the view, so a change made meanwhile wakes us again.
            var next = cluster.Changed.Next;
            await responseStream.WriteAsync(cluster.Snapshot().Info, token).ConfigureAwait(false);
            // A cancelled wait ends the loop through its condition rather than as an error.
            await next.WaitAsync(token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await Task.Delay(ClusterCoalescing, token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public override async Task<ResolveReply> Resolve(ResolveRequest request, ServerCallContext context)
    {
        Require(request.SessionSecret, context);
        var resolution = await resolver.ResolveAsync(request.Name, context.CancellationToken).ConfigureAwait(false);
        var reply = new ResolveReply();
        reply.Addresses.AddRange(resolution.Addresses.Select(address => address.ToString()));
        return reply;
    }

    /// <summary>Watches end with the call or when the manager stops, so a stop does not wait for them.</summary>
    private CancellationTokenSource WatchToken(ServerCallContext context) =>
        CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);

    /// <summary>The session the secret names, if the call's caller may act on it (an agent's token of its own pod, a laptop).</summary>
    private Session Require(string secret, ServerCallContext context)
    {
        var session = sessions.Require(secret);
        if (!session.Admits(CallerFeature.Of(context)))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, "the session belongs to another caller"));
        }

        return session;
    }

    private Session RequireClient(string secret, ServerCallContext context, string refusal)
    {
        var session = Require(secret, context);
        if (session.Kind != SessionKind.Client)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, refusal));
        }

        return session;
    }

    private SessionInfo Info(Session session) => new()
    {
        SessionSecret = session.Secret,
        SessionId = session.Id,
        LeaseSeconds = (int)options.Lease.TotalSeconds,
        ManagerVersion = TelepathVersion.Current,
    };
}
