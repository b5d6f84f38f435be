using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Telepath.TrafficManager;
using Telepath.Tunnels.Links;
using ProtocolManager = Telepath.Protocol.Manager.Manager;

namespace Telepath.Testing.Managers;

/// <summary>
/// The real traffic manager, in the test process on a loopback port, and real gRPC clients to it.
/// It can be started again on the same port to act out a restart.
/// </summary>
public sealed class LoopbackManager : IAsyncDisposable
{
    public const string Token = "test-token";

    private readonly WebApplication _app;
    private readonly List<ManagerLink> _links = [];

    private LoopbackManager(WebApplication app, IPEndPoint endPoint)
    {
        _app = app;
        EndPoint = endPoint;
    }

    /// <summary>
    /// What this manager may dial although a real one refuses it: the "cluster" services tests reach
    /// through it listen on this machine's loopback.
    /// </summary>
    public static IReadOnlyList<IPNetwork> LoopbackAllowed { get; } = [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")];

    public IPEndPoint EndPoint { get; }

    public string Address => $"{EndPoint.Address}:{EndPoint.Port}";

    /// <param name="port">0 for any; a fixed port to play a manager that restarted.</param>
    /// <param name="logging">How the manager logs; silent unless given.</param>
    /// <param name="configure">Changes the options, e.g. to give the manager a cluster to read (none by default: direct mode).</param>
    public static async Task<LoopbackManager> StartAsync(int port = 0, Action<ILoggingBuilder>? logging = null, Func<ManagerOptions, ManagerOptions>? configure = null)
    {
        var options = new ManagerOptions(new IPEndPoint(IPAddress.Loopback, port), Token) { OutboundAllowList = LoopbackAllowed };
        var app = ManagerHost.Build(
            configure?.Invoke(options) ?? options,
            logging ?? (builder => builder.ClearProviders()));
        await app.StartAsync();
        return new LoopbackManager(app, ManagerHost.BoundEndPoint(app));
    }

    /// <summary>A client on a connection of its own, closed when the manager is disposed.</summary>
    public ProtocolManager.ManagerClient Client(string token = Token) => new(Link(token).Channel);

    /// <summary>A connection of its own for gRPC calls and tunnels, closed when the manager is disposed.</summary>
    public ManagerLink Link(string token = Token)
    {
        var link = ManagerLink.Create(Address, token);
        _links.Add(link);
        return link;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var link in _links)
        {
            link.Dispose();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
