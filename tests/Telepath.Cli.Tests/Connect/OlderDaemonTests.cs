using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Telepath.Cli.Tests.Harness;
using Telepath.Protocol.Daemon;
using Telepath.Protocol.Manager;

namespace Telepath.Cli.Tests.Connect;

/// <summary>
/// A daemon an earlier version started, still running after an upgrade: it answers status but has no
/// ConnectWithProgress. The CLI says so and what to do, and the old daemon is left alone.
/// </summary>
public sealed class OlderDaemonTests : CliTest
{
    [Fact]
    public async Task A_connect_through_a_daemon_without_ConnectWithProgress_says_it_is_older_and_to_quit_it()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Cli.SocketPath)!);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenUnixSocket(Cli.SocketPath, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        await using var olderDaemon = builder.Build();
        olderDaemon.MapGrpcService<OlderDaemon>();
        await olderDaemon.StartAsync();

        var connect = await Cli.RunAsync("connect", "--proxy=off");

        Assert.True(connect.ExitCode == 1, connect.ToString());
        Assert.Equal(Lines.Of("telepath: the running Telepath daemon is of an older version; run \"telepath quit\" and connect again"), connect.StdErr);
        Assert.True(File.Exists(Cli.SocketPath), "the older daemon's socket is still there: it was not stopped by this connect");
    }

    private sealed class OlderDaemon : Protocol.Daemon.Daemon.DaemonBase
    {
        public override Task<StatusReply> Status(Empty request, ServerCallContext context) => Task.FromResult(new StatusReply());
    }
}
