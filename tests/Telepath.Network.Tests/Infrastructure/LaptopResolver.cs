namespace Telepath.Network.Tests.Infrastructure;

/// <summary>
/// The laptop's own DNS server, where its resolv.conf points: a 20-line python answerer
/// (Assets/dns_upstream.py) that knows www.example.test (192.0.2.7) and nothing else, so a test
/// can tell that a non-cluster name still goes to the laptop's resolver.
/// </summary>
public sealed class LaptopResolver : IAsyncDisposable
{
    public const string KnownName = "www.example.test";
    public const string KnownAddress = "192.0.2.7";

    private readonly ChildProcess _server;

    private LaptopResolver(ChildProcess server) => _server = server;

    public static async Task<LaptopResolver> StartAsync(NetworkTopology topology)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Assets", "dns_upstream.py");
        var server = NetworkTopology.Start(topology.Names.Laptop, "laptop resolver", ["/usr/bin/python3", script, topology.LaptopAddress.ToString(), "53"]);
        await server.WaitForLineAsync(new System.Text.RegularExpressions.Regex("^ready$"), TimeSpan.FromSeconds(20));
        return new LaptopResolver(server);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
