using System.Collections.Concurrent;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Telepath.TrafficManager.Cluster;

/// <summary>
/// A local copy of one kind of object in all namespaces, kept by list-then-watch (a reflector).
/// A watch the server closes resumes from the last version seen; one that fails or answers 410 Gone
/// (that version is compacted away) is followed by a fresh list, which replaces the copy.
/// </summary>
internal sealed class ResourceMirror<T>(
    string kind,
    Func<CancellationToken, Task<(IList<T> Items, string ResourceVersion)>> list,
    Func<string, Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType, T)>> watch,
    Action changed,
    ILogger logger)
    where T : IKubernetesObject<V1ObjectMeta>
{
    private readonly ConcurrentDictionary<string, T> _items = new(StringComparer.Ordinal);
    private volatile bool _listed;
    private volatile bool _settled;
    private bool _refusalLogged;

    /// <summary>
    /// True for a kind the view can do without (Nodes, ServiceCIDRs): a refusal (403, 404) is said
    /// once at Information and the list is tried again quietly, in case RBAC or the server changes.
    /// </summary>
    public bool Optional { get; init; }

    /// <summary>Keeps only what the view reads of each object (a Node's status is most of it).</summary>
    public Func<T, T> Keep { get; init; } = item => item;

    /// <summary>Called when a list succeeds after a failed attempt: the view was refreshed after a failure.</summary>
    public Action? Recovered { get; init; }

    /// <summary>True once a list has succeeded: until then the copy says nothing about the cluster.</summary>
    public bool Listed => _listed;

    /// <summary>True once the first list has either succeeded or failed: the cluster has given its first answer.</summary>
    public bool Settled => _settled;

    public IReadOnlyCollection<T> Items => [.. _items.Values];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var retry = new ApiServerRetryDelay();
        // Null: the copy must be listed again; else the version to resume watching from.
        string? resourceVersion = null;
        var failedBefore = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            Exception? failure = null;
            try
            {
                if (resourceVersion is null)
                {
                    resourceVersion = await ListAsync(cancellationToken).ConfigureAwait(false);
                    if (failedBefore)
                    {
                        failedBefore = false;
                        Recovered?.Invoke();
                    }
                }

                retry.Reset();
                await foreach (var (type, item) in watch(resourceVersion, e => failure = e, cancellationToken).ConfigureAwait(false))
                {
                    Apply(type, item);
                    resourceVersion = item.ResourceVersion() ?? resourceVersion;
                }
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                failure = e;
            }
            catch (OperationCanceledException)
            {
                return;
            }

            // A watch the server simply closed (they time out after minutes) resumes where it was.
            if (failure is null)
            {
                continue;
            }

            resourceVersion = null;
            if (failure is KubernetesException { Status.Code: 410 })
            {
                Log.WatchExpired(logger, kind);
                continue;
            }

            failedBefore = true;
            LogFailure(failure, retry.Next.TotalSeconds);
            if (!_settled)
            {
                _settled = true;
                changed();
            }

            await retry.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private void LogFailure(Exception failure, double seconds)
    {
        if (Optional && failure is HttpOperationException { Response.StatusCode: System.Net.HttpStatusCode.Forbidden or System.Net.HttpStatusCode.NotFound } refusal)
        {
            if (!_refusalLogged)
            {
                _refusalLogged = true;
                var reason = refusal.Response.StatusCode == System.Net.HttpStatusCode.Forbidden ? "the manager's RBAC does not allow it" : "the API server does not serve them";
                Log.OptionalRefused(logger, kind, reason, (int)refusal.Response.StatusCode);
            }

            return;
        }

        Log.WatchFailed(logger, kind, seconds, failure.Message);
    }

    private async Task<string> ListAsync(CancellationToken cancellationToken)
    {
        var (items, resourceVersion) = await list(cancellationToken).ConfigureAwait(false);
        var fresh = items.Select(Keep).ToDictionary(Key, StringComparer.Ordinal);
        foreach (var key in _items.Keys.Where(key => !fresh.ContainsKey(key)))
        {
            _items.TryRemove(key, out _);
        }

        foreach (var (key, item) in fresh)
        {
            _items[key] = item;
        }

        if (!_listed || _refusalLogged)
        {
            Log.Listed(logger, kind, fresh.Count);
        }

        _listed = true;
        _settled = true;
        _refusalLogged = false;
        changed();
        return resourceVersion;
    }

    private void Apply(WatchEventType type, T item)
    {
        switch (type)
        {
            case WatchEventType.Added or WatchEventType.Modified:
                _items[Key(item)] = Keep(item);
                break;
            case WatchEventType.Deleted:
                _items.TryRemove(Key(item), out _);
                break;
            default:
                // Bookmarks and errors carry no object change.
                return;
        }

        changed();
    }

    private static string Key(T item) => $"{item.Namespace()}/{item.Name()}";
}
