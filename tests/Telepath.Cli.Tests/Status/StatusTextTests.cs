using Telepath.Cli.Commands.Status;
using Telepath.Cli.Tests.Harness;
using Telepath.Protocol.Daemon;
using Telepath.Protocol.Manager;

namespace Telepath.Cli.Tests.Status;

public sealed class StatusTextTests
{
    [Fact]
    public void A_manager_problem_is_its_own_line_and_intercepts_list_their_holders()
    {
        var status = new StatusReply
        {
            DaemonVersion = "v0.1.0",
            Connected = true,
            Context = "direct (10.0.0.1:8081)",
            Namespace = "default",
            Manager = "10.0.0.1:8081",
            ManagerVersion = "v0.1.0",
            ProxyReason = "outbound networking to the cluster is not built yet",
            ManagerProblem = "cannot reach the traffic manager at 10.0.0.1:8081: connection refused; retrying",
        };
        status.Intercepts.Add(new InterceptInfo { Spec = new InterceptSpec { Name = "orders" }, ClientName = "alice@laptop" });

        Assert.Equal(
            Lines.Of(
                "Daemon: Running",
                "  Version   : v0.1.0",
                "Connected",
                "  Context   : direct (10.0.0.1:8081)",
                "  Namespace : default",
                "  Manager   : 10.0.0.1:8081 v0.1.0",
                "  Problem   : cannot reach the traffic manager at 10.0.0.1:8081: connection refused; retrying",
                "  Proxy     : OFF (outbound networking to the cluster is not built yet)",
                "  Intercepts: 1 total",
                "    orders: alice@laptop"),
            StatusText.Format(status).Replace(Environment.NewLine, "\n"));
    }

    [Fact]
    public void The_SOCKS_proxy_is_shown_with_how_to_use_it()
    {
        var status = new StatusReply { Connected = true, ProxyMode = "socks", ProxyAddress = "127.0.0.1:1080", ProxyReason = "transparent networking is not built yet" };

        Assert.Equal("SOCKS5 127.0.0.1:1080 (set ALL_PROXY=socks5h://127.0.0.1:1080)", StatusText.Proxy(status));
        Assert.Contains("\n  Proxy     : SOCKS5 127.0.0.1:1080 (set ALL_PROXY=socks5h://127.0.0.1:1080)\n", StatusText.Format(status).Replace(Environment.NewLine, "\n"));
    }

    [Fact]
    public void A_daemon_without_a_manager_says_not_connected()
    {
        Assert.Equal(Lines.Of("Daemon: Running", "  Version   : v0.1.0", "Not connected"), StatusText.Format(new StatusReply { DaemonVersion = "v0.1.0" }).Replace(Environment.NewLine, "\n"));
    }
}
