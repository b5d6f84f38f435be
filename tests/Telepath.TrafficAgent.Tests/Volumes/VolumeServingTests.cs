using Telepath.Protocol.Manager;
using Telepath.Testing.Managers;
using Telepath.Testing.Polling;
using Telepath.Testing.Tunnels;
using Telepath.TrafficAgent.Tests.Infrastructure;
using Telepath.TrafficAgent.Volumes;
using Telepath.Tunnels.Streams;
using Telepath.Tunnels.Volumes;
using Telepath.Tunnels.Wire;

namespace Telepath.TrafficAgent.Tests.Volumes;

/// <summary>The agent's volumes, reached as a laptop reaches them: through the real manager, served by the real sftp-server.</summary>
public class VolumeServingTests : IAsyncLifetime
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("telepath-volumes-");
    private LoopbackManager _manager = null!;
    private TestApp _app = null!;
    private TestAgent _agent = null!;
    private FakeLaptop _laptop = null!;
    private string _interceptId = "";

    private string Data => Path.Combine(_root.FullName, "data");

    private string Config => Path.Combine(_root.FullName, "config");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Data);
        Directory.CreateDirectory(Config);
        await File.WriteAllTextAsync(Path.Combine(Data, "orders.csv"), "1,apples\n");
        await File.WriteAllTextAsync(Path.Combine(Config, "app.yaml"), "level: debug\n");
        // A ConfigMap as the kubelet writes it: relative links through a timestamped directory.
        Directory.CreateDirectory(Path.Combine(Config, "..2024_01_01"));
        await File.WriteAllTextAsync(Path.Combine(Config, "..2024_01_01", "log.yaml"), "format: json\n");
        File.CreateSymbolicLink(Path.Combine(Config, "..data"), "..2024_01_01");
        File.CreateSymbolicLink(Path.Combine(Config, "log.yaml"), "..data/log.yaml");
        await File.WriteAllTextAsync(Path.Combine(_root.FullName, "secret"), "token\n");

        // The manager waits for the agent's first standby rather than race it; the limit is a safety net.
        _manager = await LoopbackManager.StartAsync(logging: TestLogging.Configure, configure: options => options with { VolumeStandbyWait = Poll.Limit });
        _app = await TestApp.StartAsync("app");
        _agent = await TestAgent.StartAsync(_app.EndPoint, _manager.Address, LoopbackManager.Token, configure: options => options with
        {
            Volumes =
            [
                new VolumeMount("/var/lib/orders", Data, ReadOnly: false),
                new VolumeMount("/etc/orders", Config, ReadOnly: true),
                new VolumeMount("/var/cache/orders", Path.Combine(_root.FullName, "absent"), ReadOnly: false),
            ],
        });
        _laptop = await FakeLaptop.ArriveAsync(_manager.Address, LoopbackManager.Token, offerStandbys: false);
        var spec = new InterceptSpec { Name = "orders", Workload = "orders", Namespace = "default", TargetHost = "127.0.0.1", TargetPort = 8080 };
        _interceptId = (await _laptop.InterceptAsync(spec)).Id;
    }

    public async Task DisposeAsync()
    {
        await _laptop.DisposeAsync();
        await _agent.DisposeAsync();
        await _app.DisposeAsync();
        await _manager.DisposeAsync();
        _root.Delete(recursive: true);
    }

    [SftpFact]
    public async Task The_list_names_the_volumes_whose_source_exists_with_their_read_only_flags()
    {
        await using var tunnel = await OpenAsync("");

        using var json = new MemoryStream();
        await tunnel.CopyToAsync(json);
        await tunnel.ShutdownWriteAsync();

        var (list, error) = VolumeList.Parse(json.ToArray());
        Assert.Null(error);
        Assert.Equal([new VolumeEntry("/var/lib/orders", false), new VolumeEntry("/etc/orders", true)], list!.Volumes);
        Assert.True(tunnel.Closed);
    }

    [SftpFact]
    public async Task A_volume_tunnel_speaks_sftp_and_ends_when_the_laptop_half_closes()
    {
        await using var tunnel = await OpenAsync("/var/lib/orders");

        await tunnel.WriteAsync(SftpPackets.InitV3());
        var (type, body) = await SftpPackets.ReadAsync(tunnel);
        await tunnel.ShutdownWriteAsync();

        Assert.Equal(SftpPackets.Version, type);
        Assert.Equal(3, body[3]);
        // sftp-server exits at the end of its input, and the agent passes the end on.
        Assert.Equal(0, await tunnel.ReadAsync(new byte[1]));
        Assert.True(tunnel.Closed);
    }

    [SftpFact]
    public async Task A_read_only_volume_refuses_to_open_a_file_for_writing()
    {
        await using var tunnel = await OpenAsync("/etc/orders");

        await tunnel.WriteAsync(SftpPackets.InitV3());
        Assert.Equal(SftpPackets.Version, (await SftpPackets.ReadAsync(tunnel)).Type);
        await tunnel.WriteAsync(SftpPackets.OpenFile(requestId: 1, "app.yaml", SftpPackets.WriteCreateTruncate));
        var (type, body) = await SftpPackets.ReadAsync(tunnel);

        Assert.Equal(SftpPackets.Status, type);
        Assert.Equal(3u, SftpPackets.StatusCode(body)); // SSH_FX_PERMISSION_DENIED
        Assert.Equal("level: debug\n", await File.ReadAllTextAsync(Path.Combine(Config, "app.yaml")));
    }

    [SftpFact]
    public async Task A_configmaps_relative_links_are_read_through_the_guard()
    {
        await using var tunnel = await StartSftpAsync("/etc/orders");

        await tunnel.WriteAsync(SftpPackets.OpenFile(requestId: 1, "log.yaml", SftpPackets.ReadOnly));
        var (type, body) = await SftpPackets.ReadAsync(tunnel);
        Assert.Equal(SftpPackets.Handle, type);
        await tunnel.WriteAsync(SftpPackets.ReadFile(requestId: 2, SftpPackets.StringAfterId(body), 4096));
        (type, body) = await SftpPackets.ReadAsync(tunnel);

        Assert.Equal(SftpPackets.Data, type);
        Assert.Equal("format: json\n"u8.ToArray(), SftpPackets.StringAfterId(body));
    }

    [SftpFact]
    public async Task Paths_outside_the_volume_are_refused_and_the_session_goes_on()
    {
        await using var tunnel = await StartSftpAsync("/var/lib/orders");

        foreach (var (id, path) in new[] { (1u, "/etc/hostname"), (2u, "../secret"), (3u, Path.Combine(_root.FullName, "secret")) })
        {
            await tunnel.WriteAsync(SftpPackets.OpenFile(id, path, SftpPackets.ReadOnly));
            var (type, body) = await SftpPackets.ReadAsync(tunnel);

            Assert.Equal(SftpPackets.Status, type);
            Assert.Equal(id, SftpPackets.RequestId(body));
            Assert.Equal(3u, SftpPackets.StatusCode(body)); // SSH_FX_PERMISSION_DENIED
            Assert.Equal("outside the volume", SftpPackets.StatusMessage(body));
        }

        await tunnel.WriteAsync(SftpPackets.PathRequest(SftpPackets.Symlink, 4, "link", "orders.csv"));
        Assert.Equal(3u, SftpPackets.StatusCode((await SftpPackets.ReadAsync(tunnel)).Body));
        Assert.False(File.Exists(Path.Combine(Data, "link")));

        await tunnel.WriteAsync(SftpPackets.PathRequest(SftpPackets.Stat, 5, "orders.csv"));
        Assert.Equal(105, (await SftpPackets.ReadAsync(tunnel)).Type); // SSH_FXP_ATTRS
    }

    [SftpFact]
    public async Task An_oversized_packet_ends_the_session_in_a_reset()
    {
        await using var tunnel = await StartSftpAsync("/var/lib/orders");

        await tunnel.WriteAsync(SftpPackets.Uint(0x7fffffff));

        var error = await Assert.ThrowsAsync<TunnelException>(() => tunnel.ReadAsync(new byte[1]).AsTask());
        Assert.Equal(TunnelErrorCode.Aborted, error.Code);
    }

    [SftpFact]
    public async Task A_volume_the_agent_does_not_serve_ends_in_a_reset()
    {
        await using var tunnel = Open("/var/cache/orders");

        // The manager answered 200 before the agent looked at the volume, but the reset can overtake the
        // answer on its way through the laptop's HTTP/2 client: then the answer itself fails.
        var answer = await tunnel.AnswerAsync();
        if (answer.Established)
        {
            var error = await Assert.ThrowsAsync<TunnelException>(() => tunnel.ReadAsync(new byte[1]).AsTask());
            Assert.Equal(TunnelErrorCode.Aborted, error.Code);
        }
        else
        {
            Assert.Equal(TunnelErrorCode.ManagerUnreachable, answer.Refusal);
        }
    }

    [SftpFact(sshfs: true)]
    public async Task A_laptop_mounts_volumes_with_sshfs_reads_and_writes_and_cannot_write_a_read_only_one()
    {
        var mounts = Directory.CreateDirectory(Path.Combine(_root.FullName, "laptop"));
        await using (var data = await SshfsMount.MountAsync(await OpenAsync("/var/lib/orders"), Directory.CreateDirectory(Path.Combine(mounts.FullName, "data")).FullName))
        {
            Assert.Equal("1,apples\n", await File.ReadAllTextAsync(Path.Combine(data.Directory, "orders.csv")));
            await File.WriteAllTextAsync(Path.Combine(data.Directory, "new.csv"), "2,pears\n");
            Assert.Equal("2,pears\n", await File.ReadAllTextAsync(Path.Combine(Data, "new.csv")));
            Assert.ThrowsAny<UnauthorizedAccessException>(() => File.CreateSymbolicLink(Path.Combine(data.Directory, "hostname"), "/etc/hostname"));
        }

        await using (var config = await SshfsMount.MountAsync(await OpenAsync("/etc/orders"), Directory.CreateDirectory(Path.Combine(mounts.FullName, "config")).FullName))
        {
            Assert.Equal("level: debug\n", await File.ReadAllTextAsync(Path.Combine(config.Directory, "app.yaml")));
            Assert.Equal("format: json\n", await File.ReadAllTextAsync(Path.Combine(config.Directory, "log.yaml")));
            await Assert.ThrowsAnyAsync<UnauthorizedAccessException>(() => File.WriteAllTextAsync(Path.Combine(config.Directory, "app.yaml"), "level: trace\n"));
            Assert.Equal("level: debug\n", await File.ReadAllTextAsync(Path.Combine(Config, "app.yaml")));
        }
    }

    /// <summary>A volume's tunnel with its SFTP session past INIT and VERSION.</summary>
    private async Task<TunnelStream> StartSftpAsync(string volume)
    {
        var tunnel = await OpenAsync(volume);
        await tunnel.WriteAsync(SftpPackets.InitV3());
        Assert.Equal(SftpPackets.Version, (await SftpPackets.ReadAsync(tunnel)).Type);
        return tunnel;
    }

    /// <summary>A volumes tunnel as the laptop opens it; the manager waits for the agent's standby, so this needs no waiting of its own.</summary>
    private async Task<TunnelStream> OpenAsync(string volume)
    {
        var tunnel = Open(volume);
        var answer = await tunnel.AnswerAsync();
        Assert.True(answer.Established, answer.Message);
        return tunnel;
    }

    private TunnelStream Open(string volume) =>
        _manager.Link().Tunnels.Open(
            TunnelWire.VolumesPath,
            [new(TunnelWire.SessionHeader, _laptop.SessionSecret), new(TunnelWire.InterceptHeader, _interceptId), new(TunnelWire.VolumeHeader, volume)]);
}
