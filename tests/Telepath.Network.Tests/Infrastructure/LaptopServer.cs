using System.Text.RegularExpressions;

namespace Telepath.Network.Tests.Infrastructure;

/// <summary>
/// An HTTP server on the laptop itself at a cluster address (given to the laptop's loopback for the
/// while): a connection to that address that Telepath does not redirect arrives here instead of the cluster.
/// </summary>
public sealed class LaptopServer : IAsyncDisposable
{
    private readonly string _laptop;
    private readonly string _address;
    private readonly ChildProcess _server;

    private LaptopServer(string laptop, string address, ChildProcess server)
    {
        _laptop = laptop;
        _address = address;
        _server = server;
    }

    public static async Task<LaptopServer> StartAsync(NetworkTopology topology, string address, int port, string answer)
    {
        var laptop = topology.Names.Laptop;
        await NetworkTopology.MustExecAsync(laptop, "ip", "addr", "add", $"{address}/32", "dev", "lo");
        var script = Path.Combine(AppContext.BaseDirectory, "Assets", "http_hello.py");
        var server = NetworkTopology.Start(laptop, "laptop server", ["/usr/bin/python3", script, address, port.ToString(System.Globalization.CultureInfo.InvariantCulture), answer]);
        try
        {
            await server.WaitForLineAsync(new Regex("^ready$"), TimeSpan.FromSeconds(20));
            return new LaptopServer(laptop, address, server);
        }
        catch
        {
            await server.DisposeAsync();
            await NetworkTopology.ExecAsync(laptop, ["ip", "addr", "del", $"{address}/32", "dev", "lo"]);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await NetworkTopology.MustExecAsync(_laptop, "ip", "addr", "del", $"{_address}/32", "dev", "lo");
    }
}
