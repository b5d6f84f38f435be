using Microsoft.Extensions.Primitives;
using Telepath.TrafficAgent.Routing;
using Telepath.TrafficAgent.Tunnels;

namespace Telepath.TrafficAgent.Forwarding;

/// <summary>
/// One HTTP client per intercept, whose connections are tunnels: pooled connections are reused tunnels.
/// When an intercept leaves the route snapshot its client is retired, and disposed (closing its
/// tunnels) only once the requests it is carrying have finished.
/// </summary>
internal sealed class InterceptClients : IDisposable
{
    private static readonly TimeSpan TunnelOpenTimeout = TimeSpan.FromSeconds(15);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Client> _clients = [];
    private readonly RouteTable _routes;
    private readonly TunnelDialer _dialer;
    private readonly IDisposable _subscription;

    public InterceptClients(RouteTable routes, TunnelDialer dialer)
    {
        _routes = routes;
        _dialer = dialer;
        _subscription = ChangeToken.OnChange(() => _routes.ChangeToken, RetireRemoved);
    }

    /// <summary>Takes the intercept's client for one request; dispose the lease when the request is over.</summary>
    public Lease Acquire(InterceptRoute route)
    {
        lock (_lock)
        {
            if (!_clients.TryGetValue(route.Id, out var client))
            {
                client = new Client(CreateInvoker(route));
                // A request matched against a snapshot that has just been replaced still gets its client,
                // but one that no later change would retire: retire it now, so its last request disposes it.
                if (_routes.Current.Contains(route.Id))
                {
                    _clients.Add(route.Id, client);
                }
                else
                {
                    client.Retired = true;
                }
            }

            client.InFlight++;
            return new Lease(this, client);
        }
    }

    /// <summary>How many intercepts have a live client (retired ones excluded).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _clients.Count;
            }
        }
    }

    public void Dispose()
    {
        _subscription.Dispose();
        List<Client> all;
        lock (_lock)
        {
            all = [.. _clients.Values];
            _clients.Clear();
        }

        foreach (var client in all)
        {
            client.Invoker.Dispose();
        }
    }

    private HttpMessageInvoker CreateInvoker(InterceptRoute route) =>
        ForwardingHandler.CreateInvoker(
            TunnelOpenTimeout,
            async (_, cancellationToken) => (await _dialer.DialAsync(route, cancellationToken).ConfigureAwait(false)).StreamOrThrow());

    private void RetireRemoved()
    {
        var current = _routes.Current;
        var idle = new List<Client>();
        lock (_lock)
        {
            foreach (var (id, client) in _clients.Where(c => !current.Contains(c.Key)).ToList())
            {
                _clients.Remove(id);
                client.Retired = true;
                if (client.InFlight == 0)
                {
                    idle.Add(client);
                }
            }
        }

        foreach (var client in idle)
        {
            client.Invoker.Dispose();
        }
    }

    private void Release(Client client)
    {
        bool dispose;
        lock (_lock)
        {
            client.InFlight--;
            dispose = client.Retired && client.InFlight == 0;
        }

        if (dispose)
        {
            client.Invoker.Dispose();
        }
    }

    internal sealed class Client(HttpMessageInvoker invoker)
    {
        public HttpMessageInvoker Invoker { get; } = invoker;

        public int InFlight { get; set; }

        public bool Retired { get; set; }
    }

    public readonly struct Lease : IDisposable
    {
        private readonly InterceptClients _owner;
        private readonly Client _client;

        internal Lease(InterceptClients owner, Client client)
        {
            _owner = owner;
            _client = client;
        }

        public HttpMessageInvoker Invoker => _client.Invoker;

        public void Dispose() => _owner.Release(_client);
    }
}
