using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Telepath.Core.Identity;
using Telepath.Protocol.Manager;
using Telepath.TrafficManager.Cluster;
using Telepath.TrafficManager.Sessions;

namespace Telepath.TrafficManager.Intercepts;

/// <summary>
/// How a laptop proves, for each intercept, that its own credentials may patch the workload, whatever
/// kind they are (client certificates and exec plugins cannot be handed to the manager for a review):
/// the manager hands out an unguessable value, the laptop writes it into an annotation of the workload
/// with its credentials, and the manager reads it back before it creates the intercept. Only someone
/// allowed to patch the workload can write it; a value is good for one intercept of one session.
/// </summary>
public sealed class WorkloadClaims
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);
    private const int MaxPerSession = 16;
    private static readonly string[] Kinds = ["Deployment", "ReplicaSet", "StatefulSet"];

    private readonly ConcurrentDictionary<(string Session, string Namespace, string Workload), Pending> _pending = new();
    private readonly ManagerOptions _options;
    private readonly ClusterClient _cluster;
    private readonly TimeProvider _time;

    public WorkloadClaims(ManagerOptions options, ClusterClient cluster, SessionRegistry sessions, TimeProvider time)
    {
        _options = options;
        _cluster = cluster;
        _time = time;
        sessions.Departed += session =>
        {
            foreach (var key in _pending.Keys.Where(k => k.Session == session.Id))
            {
                _pending.TryRemove(key, out _);
            }
        };
    }

    /// <summary>Claims are checked where the manager trusts Kubernetes identity, not in direct mode, where its token is the only gate.</summary>
    public bool Required => _options.Token is null;

    public WorkloadClaim Issue(Session client, ClaimRequest request)
    {
        if (!Required)
        {
            return new WorkloadClaim { Required = false };
        }

        if (request.Namespace.Length == 0 || request.Workload.Length == 0 || !Kinds.Contains(request.WorkloadKind))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "a claim names a namespace, a workload and its kind (Deployment, ReplicaSet or StatefulSet)"));
        }

        var now = _time.GetUtcNow();
        foreach (var stale in _pending.Where(p => p.Value.Until <= now))
        {
            _pending.TryRemove(stale.Key, out _);
        }

        if (_pending.Keys.Count(k => k.Session == client.Id) >= MaxPerSession)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, "this session has too many open claims; create or abandon its intercepts first"));
        }

        var value = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        _pending[(client.Id, request.Namespace, request.Workload)] = new Pending(request.WorkloadKind, value, now + Lifetime);
        return new WorkloadClaim
        {
            Required = true,
            Annotation = KubernetesIdentity.ClaimAnnotation(client.Id),
            Value = value,
            ExpiresInSeconds = (int)Lifetime.TotalSeconds,
        };
    }

    /// <summary>
    /// Takes the session's claim on the workload and reads it back from the workload; throws
    /// PermissionDenied, with one line that says what to do, unless the workload carries it.
    /// </summary>
    /// <returns>The workload's kind, as the claim named it.</returns>
    public async Task<string> VerifyAsync(Session client, string @namespace, string workload, CancellationToken cancellationToken)
    {
        if (!_pending.TryRemove((client.Id, @namespace, workload), out var claim) || claim.Until <= _time.GetUtcNow())
        {
            throw Denied($"no valid claim on workload \"{workload}\" in namespace \"{@namespace}\": intercepting needs permission to patch it, " +
                "proven by writing a claim with your own credentials (telepath intercept does this; ask the manager with ClaimWorkload)");
        }

        var annotations = await ReadAnnotationsAsync(claim.Kind, @namespace, workload, cancellationToken).ConfigureAwait(false);
        string? written = null;
        annotations?.TryGetValue(KubernetesIdentity.ClaimAnnotation(client.Id), out written);
        if (written is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(written), Encoding.UTF8.GetBytes(claim.Value)))
        {
            throw Denied($"{claim.Kind} \"{workload}\" in namespace \"{@namespace}\" does not carry this laptop's claim: " +
                "intercepting needs permission to patch the workload, proven by writing the claim with your own credentials");
        }

        return claim.Kind;
    }

    private async Task<IDictionary<string, string>?> ReadAnnotationsAsync(string kind, string @namespace, string workload, CancellationToken cancellationToken)
    {
        var apps = _cluster.Api.AppsV1;
        try
        {
            return kind switch
            {
                "Deployment" => (await apps.ReadNamespacedDeploymentAsync(workload, @namespace, cancellationToken: cancellationToken).ConfigureAwait(false)).Metadata.Annotations,
                "StatefulSet" => (await apps.ReadNamespacedStatefulSetAsync(workload, @namespace, cancellationToken: cancellationToken).ConfigureAwait(false)).Metadata.Annotations,
                _ => (await apps.ReadNamespacedReplicaSetAsync(workload, @namespace, cancellationToken: cancellationToken).ConfigureAwait(false)).Metadata.Annotations,
            };
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"{kind} \"{workload}\" does not exist in namespace \"{@namespace}\""));
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Forbidden)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition,
                $"the traffic manager may not get {kind.ToLowerInvariant()}s in namespace \"{@namespace}\", which it reads to check a claim: reinstall it (telepath install) to update its ClusterRole"));
        }
        catch (Exception e) when (e is HttpOperationException or HttpRequestException)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"the traffic manager could not read {kind} \"{workload}\" to check the claim: {e.Message}"));
        }
    }

    private static RpcException Denied(string message) => new(new Status(StatusCode.PermissionDenied, message));

    private sealed record Pending(string Kind, string Value, DateTimeOffset Until);
}
