using System.Collections.Concurrent;

namespace Telepath.Hub.Accounts.GitHub;

/// <summary>
/// One re-check per person at a time in this process: a daemon's polling and a browser's requests arrive together
/// when the interval runs out, and one answer from GitHub serves them all.
/// </summary>
public sealed class GitHubRecheckGate
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    public async Task<IDisposable> EnterAsync(string userId, CancellationToken cancellation)
    {
        var gate = _gates.GetOrAdd(userId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellation);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
