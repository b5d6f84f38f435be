using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Telepath.Core;
using Telepath.Daemon.Intercepts;
using Telepath.Hub.Client;
using Telepath.Protocol.Daemon;
using Telepath.Protocol.Manager;

namespace Telepath.Daemon.Previews;

/// <summary>
/// The previews this laptop made at the hub, by intercept name: made after the intercept exists,
/// ended when it is left or the daemon quits. The hub is the one in the CLI's credentials file,
/// read at each use, so a login or logout while the daemon runs takes effect at once.
/// </summary>
public sealed class PreviewBook(ILogger<PreviewBook> logger)
{
    private static readonly TimeSpan EndTimeout = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, PreviewEntry> _entries = new(StringComparer.Ordinal);

    public IReadOnlyCollection<PreviewEntry> Entries => _entries.Values.ToList();

    public async Task<PreviewEntry> CreateAsync(InterceptInfo intercept, PreviewRequest request, CancellationToken cancellationToken)
    {
        var credentials = HubCredentials.Load(HubCredentials.DefaultPath)
            ?? throw new UserErrorException("a preview URL needs a login to a hub: run \"telepath login\", or pass --preview-url=false");
        var hub = HubClient.ParseHubUrl(credentials.Hub);
        using var client = new HubClient(hub, credentials.Token);
        var ingress = request.Ingress;
        var preview = await client.CreatePreviewAsync(
            new PreviewCreation(
                intercept.Id,
                intercept.Spec.Name,
                intercept.Spec.Workload,
                intercept.Spec.Namespace,
                AutoHeader.Name,
                AutoHeader.Value(intercept.Id, intercept.Spec.Name),
                ingress.Host,
                ingress.Port,
                ingress.UseTls,
                ingress.L5Host.Length > 0 ? ingress.L5Host : ingress.Host,
                request.Public),
            cancellationToken).ConfigureAwait(false);
        var entry = new PreviewEntry(intercept.Spec.Name, intercept.Id, preview.Id, preview.Url, hub);
        _entries[entry.InterceptName] = entry;
        Log.PreviewCreated(logger, entry.Url, entry.InterceptName);
        return entry;
    }

    public string? UrlOf(string interceptName) => _entries.TryGetValue(interceptName, out var entry) ? entry.Url : null;

    /// <summary>Ends the intercept's preview at the hub, if it has one. Never fails: a hub that is away is logged.</summary>
    public async Task EndAsync(string interceptName)
    {
        if (!_entries.TryRemove(interceptName, out var entry))
        {
            return;
        }

        using var timeout = new CancellationTokenSource(EndTimeout);
        try
        {
            var credentials = HubCredentials.Load(HubCredentials.DefaultPath);
            if (credentials is null || HubClient.ParseHubUrl(credentials.Hub) != entry.Hub)
            {
                // Logged out (which revoked the token) or into another hub: this login cannot end it; its lease will.
                Log.PreviewEndFailed(logger, entry.Url, "no login to that hub any more");
                return;
            }

            using var client = new HubClient(entry.Hub, credentials.Token);
            await client.DeletePreviewAsync(entry.PreviewId, timeout.Token).ConfigureAwait(false);
            Log.PreviewEnded(logger, entry.Url, entry.InterceptName);
        }
        catch (Exception e) when (e is UserErrorException or OperationCanceledException)
        {
            Log.PreviewEndFailed(logger, entry.Url, e.Message);
        }
    }

    public async Task EndAllAsync()
    {
        foreach (var name in _entries.Keys.ToList())
        {
            await EndAsync(name).ConfigureAwait(false);
        }
    }

    /// <summary>Forgets an entry the hub no longer has, without calling it.</summary>
    public bool Forget(PreviewEntry entry) => _entries.TryRemove(new KeyValuePair<string, PreviewEntry>(entry.InterceptName, entry));
}
