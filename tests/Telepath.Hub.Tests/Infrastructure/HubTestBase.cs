using Telepath.Hub.Hosting;
using Telepath.Hub.Previews.Ingress;

namespace Telepath.Hub.Tests.Infrastructure;

/// <summary>
/// Base of the hub tests that run once per database. Each test gets hubs on fresh databases, so tests share
/// no accounts, no rate-limit windows and no lockouts; all are stopped and dropped when the test ends.
/// </summary>
public abstract class HubTestBase(HubDatabaseKind database) : IAsyncLifetime
{
    public const string Password = "correct horse battery staple";

    private readonly List<IAsyncDisposable> _owned = [];

    protected HubDatabaseKind Database { get; } = database;

    protected TestDatabase NewDatabase()
    {
        var created = TestDatabase.Create(Database);
        _owned.Add(created);
        return created;
    }

    /// <summary>A hub on <paramref name="on"/>, or on a new database.</summary>
    protected async Task<TestHub> StartHubAsync(
        TestDatabase? on = null, Func<HubOptions, HubOptions>? adjust = null, TimeProvider? time = null, IIngressResolver? resolver = null)
    {
        var hub = await TestHub.StartAsync(on ?? NewDatabase(), adjust, time, resolver);
        // Hubs stop before their databases are dropped: disposal runs in reverse.
        _owned.Add(hub);
        return hub;
    }

    /// <summary>Disposes <paramref name="owned"/> when the test ends (before the hubs and databases started earlier).</summary>
    protected T Own<T>(T owned)
        where T : IAsyncDisposable
    {
        _owned.Add(owned);
        return owned;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }
    }
}
