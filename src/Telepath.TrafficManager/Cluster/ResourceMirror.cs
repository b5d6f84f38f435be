using System.Collections.Concurrent;
using k8s;
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

    /// <summary>True once a list has succeeded: until then the copy says nothing about the cluster.</summary>
    public bool Listed => _listed;

    public IReadOnlyCollection<T> Items => [.. _items.Values];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var retry = new Backoff();
        // Null: the copy must be listed again; else the version to resume watching from.
        string? resourceVersion = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            Exception? failure = null;
            try
            {
                resourceVersion ??= await ListAsync(cancellationToken).ConfigureAwait(false);
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

            Log.WatchFailed(logger, kind, retry.Next.TotalSeconds, failure.Message);
            await retry.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<string> ListAsync(CancellationToken cancellationToken)
    {
        var (items, resourceVersion) = await list(cancellationToken).ConfigureAwait(false);
        var fresh = items.ToDictionary(Key, StringComparer.Ordinal);
        foreach (var key in _items.Keys.Where(key => !fresh.ContainsKey(key)))
        {
            _items.TryRemove(key, out _);
        }

        foreach (var (key, item) in fresh)
        {
            _items[key] = item;
        }

        if (!_listed)
        {
            Log.Listed(logger, kind, fresh.Count);
        }

        _listed = true;
        changed();
        return resourceVersion;
    }

    private void Apply(WatchEventType type, T item)
    {
        switch (type)
        {
            case WatchEventType.Added or WatchEventType.Modified:
                _items[Key(item)] = item;
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
