using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Telepath.EndToEnd.Tests.Infrastructure;
using Telepath.EndToEnd.Tests.Laptops;
using Telepath.Samples;
using Telepath.Testing.Processes;

namespace Telepath.EndToEnd.Tests.Cluster;

/// <summary>
/// A "cluster" on loopback: the real traffic manager process, the sample service (serving as
/// "cluster") behind a real traffic agent process for workload `orders`, and two local apps for
/// laptops to intercept to ("laptop", "laptop2"). Every laptop a test makes is quit at the end.
/// </summary>
public sealed partial class ClusterFixture : IAsyncLifetime
{
    public const string Workload = "orders";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly string _directory = Directory.CreateTempSubdirectory("tp-cluster-").FullName;
    private readonly List<Laptop> _laptops = [];
    private readonly SemaphoreSlim _sharedLaptopLock = new(1, 1);
    private Laptop? _sharedLaptop;
    private WebApplication? _clusterApp;
    private WebApplication? _laptopApp;
    private WebApplication? _laptop2App;
    private int _disposed;

    public string Token { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public string TokenFile => Path.Combine(_directory, "token");

    public ChildProcess Manager { get; private set; } = null!;

    public IPEndPoint ManagerEndPoint { get; private set; } = null!;

    public string ManagerAddress => ManagerEndPoint.ToString();

    public ChildProcess Agent { get; private set; } = null!;

    /// <summary>The workload's service port, owned by the agent: what other services in the cluster call.</summary>
    public IPEndPoint Service { get; private set; } = null!;

    public string ServiceUrl => $"http://{Service}";

    public IPEndPoint ClusterApp { get; private set; } = null!;

    public int LaptopPort { get; private set; }

    /// <summary>Requests the "laptop" app is serving at this moment.</summary>
    public InFlightRequests LaptopInFlight { get; } = new();

    public int Laptop2Port { get; private set; }

    /// <summary>The `user@host` that the manager shows as the holder of this machine's intercepts.</summary>
    public static string Holder => $"{Environment.UserName}@{Dns.GetHostName()}";

    public async Task InitializeAsync()
    {
        try
        {
            await StartAsync();
        }
        catch
        {
            // Leave no process behind when the cluster cannot start.
            await DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync()
    {
        await File.WriteAllTextAsync(TokenFile, Token + "\n");
        var loopback = new IPEndPoint(IPAddress.Loopback, 0);
        _clusterApp = await StartAppAsync(loopback, "cluster");
        _laptopApp = await StartAppAsync(loopback, "laptop", LaptopInFlight);
        _laptop2App = await StartAppAsync(loopback, "laptop2");
        ClusterApp = SampleService.BoundEndPoint(_clusterApp);
        LaptopPort = SampleService.BoundEndPoint(_laptopApp).Port;
        Laptop2Port = SampleService.BoundEndPoint(_laptop2App).Port;

        await StartManagerAsync(port: 0);
        Agent = ChildProcess.StartDotnet("agent", Executables.ServerDll,
        [
            "agent", "--workload", Workload, "--namespace", "default", "--listen", "127.0.0.1:0",
            "--app", ClusterApp.ToString(), "--manager", ManagerAddress, "--token-file", TokenFile,
        ]);
        var listening = await Agent.WaitForLineAsync(AgentListening(), StartTimeout);
        Service = IPEndPoint.Parse(listening.Groups[1].Value);
        await WaitForAgentAsync();
    }

    /// <summary>A new laptop connected to nothing yet; quit and cleaned up with the fixture at the latest.</summary>
    public Laptop NewLaptop(string name)
    {
        var laptop = new Laptop(name, ManagerAddress, TokenFile);
        lock (_laptops)
        {
            _laptops.Add(laptop);
        }

        return laptop;
    }

    public async Task<Laptop> ConnectedLaptopAsync(string name)
    {
        var laptop = NewLaptop(name);
        await laptop.ConnectAsync();
        return laptop;
    }

    /// <summary>One connected laptop for tests that only read, or are refused, and so can share it.</summary>
    public async Task<Laptop> SharedLaptopAsync()
    {
        await _sharedLaptopLock.WaitAsync();
        try
        {
            return _sharedLaptop ??= await ConnectedLaptopAsync("shared");
        }
        finally
        {
            _sharedLaptopLock.Release();
        }
    }

    /// <summary>Kills the manager (SIGKILL, as when its pod dies) and starts a new one on the same port.</summary>
    public async Task RestartManagerAsync()
    {
        var port = ManagerEndPoint.Port;
        await Manager.DisposeAsync();
        await StartManagerAsync(port);
    }

    /// <summary>Kills the manager (SIGKILL) and leaves it dead until <see cref="StartManagerAgainAsync"/>.</summary>
    public Task KillManagerAsync() => Manager.KillAsync();

    /// <summary>Starts a new manager on the port of the one <see cref="KillManagerAsync"/> killed, where the agent and laptops look for it.</summary>
    public async Task StartManagerAgainAsync()
    {
        if (!Manager.HasExited)
        {
            throw new InvalidOperationException("the manager still runs; kill it first");
        }

        await Manager.DisposeAsync();
        await StartManagerAsync(ManagerEndPoint.Port);
    }

    /// <summary>Waits until the manager knows the agent of <see cref="Workload"/>, asked over its own gRPC API.</summary>
    public Task WaitForAgentAsync() => ManagerProbe.WaitForAgentAsync(ManagerAddress, Token, Workload);

    /// <summary>The processes' recent output, to explain a failure.</summary>
    public string Logs() => $"--- manager ---\n{Manager.Output}\n--- agent ---\n{Agent.Output}";

    public async Task DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        List<Laptop> laptops;
        lock (_laptops)
        {
            laptops = [.. _laptops];
        }

        await Task.WhenAll(laptops.Select(laptop => laptop.DisposeAsync().AsTask()));
        if (Agent is not null)
        {
            await Agent.DisposeAsync();
        }

        if (Manager is not null)
        {
            await Manager.DisposeAsync();
        }

        foreach (var app in new[] { _clusterApp, _laptopApp, _laptop2App })
        {
            if (app is not null)
            {
                await app.StopAsync(TimeSpan.FromSeconds(2));
                await app.DisposeAsync();
            }
        }

        Directory.Delete(_directory, recursive: true);
    }

    private async Task StartManagerAsync(int port)
    {
        // The "cluster" the laptop reaches through the manager is this machine's loopback, which a real manager refuses.
        Manager = ChildProcess.StartDotnet("manager", Executables.ServerDll,
            ["manager", "--listen", $"127.0.0.1:{port}", "--token-file", TokenFile, "--allow-outbound", "127.0.0.0/8,::1"]);
        var listening = await Manager.WaitForLineAsync(ManagerListening(), StartTimeout);
        ManagerEndPoint = IPEndPoint.Parse(listening.Groups[1].Value);
    }

    private static async Task<WebApplication> StartAppAsync(IPEndPoint listen, string servedBy, InFlightRequests? inFlight = null)
    {
        var app = SampleService.Build(listen, servedBy);
        inFlight?.Attach(app);
        await app.StartAsync();
        return app;
    }

    [GeneratedRegex(@"^telepath-manager listening on (\S+)$")]
    private static partial Regex ManagerListening();

    [GeneratedRegex(@"^telepath-agent listening on (\S+)$")]
    private static partial Regex AgentListening();
}
