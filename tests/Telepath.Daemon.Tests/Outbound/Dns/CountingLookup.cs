using System.Collections.Concurrent;
using System.Net;
using Telepath.Daemon.Outbound.Dns;

namespace Telepath.Daemon.Tests.Outbound.Dns;

/// <summary>The one test double: the manager's <c>Resolve</c>, answering from a table, counting calls, optionally held until released.</summary>
internal sealed class CountingLookup(IReadOnlyDictionary<string, IPAddress[]> table) : IClusterLookup
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<string> _asked = new();
    private bool _held;

    public IReadOnlyCollection<string> Asked => _asked;

    public Exception? Failure { get; init; }

    /// <summary>Calls wait for <see cref="Release"/>, so a burst of queries all arrives while the first call is open.</summary>
    public void Hold() => _held = true;

    public void Release() => _released.TrySetResult();

    public async Task<IPAddress[]?> ResolveAsync(string name, CancellationToken cancellationToken)
    {
        _asked.Enqueue(name);
        if (_held)
        {
            await _released.Task.WaitAsync(cancellationToken);
        }

        if (Failure is not null)
        {
            throw Failure;
        }

        return table.TryGetValue(name, out var addresses) ? addresses : null;
    }
}
