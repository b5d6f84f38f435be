using Telepath.Cli.Commands.Status;
using Telepath.Cli.Tests.Harness;
using Telepath.Hub.Client;
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
            ProxyReason = "connected directly to a traffic manager; --proxy=socks reaches the cluster through it",
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
                "  Proxy     : OFF (connected directly to a traffic manager; --proxy=socks reaches the cluster through it)",
                "  Intercepts: 1 total",
                "    orders: alice@laptop"),
            StatusText.Format(status).Replace(Environment.NewLine, "\n"));
    }

    [Fact]
    public void A_waiting_intercept_shows_what_it_waits_for_beside_its_holder()
    {
        var status = new StatusReply { Connected = true, ClientName = "alice@laptop" };
        status.Intercepts.Add(new InterceptInfo { Spec = new InterceptSpec { Name = "orders" }, ClientName = "alice@laptop", State = InterceptState.Active });
        status.Intercepts.Add(new InterceptInfo
        {
            Spec = new InterceptSpec { Name = "billing" },
            ClientName = "bob@laptop2",
            State = InterceptState.Waiting,
            StateReason = "no traffic agent of billing is present",
        });

        Assert.EndsWith(
            Lines.Of("  Intercepts: 2 total", "    orders: alice@laptop", "    billing: bob@laptop2, WAITING: no traffic agent of billing is present"),
            StatusText.Format(status).Replace(Environment.NewLine, "\n"));
    }

    [Fact]
    public void The_SOCKS_proxy_is_shown_with_how_to_use_it()
    {
        var status = new StatusReply { Connected = true, ProxyMode = "socks", ProxyAddress = "127.0.0.1:1080", ProxyReason = "clients reach the cluster through the proxy" };

        Assert.Equal("SOCKS5 127.0.0.1:1080 (set ALL_PROXY=socks5h://127.0.0.1:1080)", StatusText.Proxy(status));
        Assert.Contains("\n  Proxy     : SOCKS5 127.0.0.1:1080 (set ALL_PROXY=socks5h://127.0.0.1:1080)\n", StatusText.Format(status).Replace(Environment.NewLine, "\n"));
    }

    [Fact]
    public void Transparent_networking_shows_its_ranges_domains_and_route_conflicts()
    {
        var status = new StatusReply { Connected = true, ProxyOn = true, ProxyReason = "networking to the cluster is enabled" };
        status.ProxyRanges.Add(new ProxyRange { Cidr = "10.96.0.0/12", Source = "services" });
        status.ProxyRanges.Add(new ProxyRange { Cidr = "10.244.0.0/16", Source = "pods" });
        status.NeverProxied.Add(new ProxyRange { Cidr = "10.96.0.1/32", Source = "API server" });
        status.DnsDomains.Add("cluster.local");
        status.DnsDomains.Add("shop");
        status.DnsSearch.Add("shop.svc.cluster.local");
        status.DnsSearch.Add("svc.cluster.local");
        status.RouteConflicts.Add(new RouteConflict { Range = "10.96.0.0/12", Route = "10.0.0.0/8 dev wg0" });

        var text = StatusText.Format(status).Replace(Environment.NewLine, "\n");

        Assert.Contains(
            Lines.Of(
                "  Proxy     : ON (networking to the cluster is enabled)",
                "  Ranges    : 10.96.0.0/12 (services), 10.244.0.0/16 (pods)",
                "  Never     : 10.96.0.1/32 (API server)",
                "  DNS       : cluster.local, shop (search shop.svc.cluster.local svc.cluster.local)",
                "  Conflict  : 10.96.0.0/12 overlaps the route 10.0.0.0/8 dev wg0; the cluster gets it while connected (--never-proxy 10.96.0.0/12 leaves it to that route)",
                "  Intercepts: 0 total"),
            text);
    }

    [Fact]
    public void A_route_telepath_added_is_shown_with_why()
    {
        var status = new StatusReply { Connected = true, ProxyOn = true, ProxyReason = "networking to the cluster is enabled" };
        status.ProxyRanges.Add(new ProxyRange { Cidr = "10.96.0.0/12", Source = "services" });
        status.AddedRoutes.Add(new AddedRoute { Cidr = "10.96.0.0/12", Device = "telepath0", Reason = "no route covered 10.96.0.0/12" });

        var text = StatusText.Format(status).Replace(Environment.NewLine, "\n");

        Assert.Contains(
            Lines.Of(
                "  Ranges    : 10.96.0.0/12 (services)",
                "  Route     : 10.96.0.0/12 dev telepath0 (no route covered 10.96.0.0/12; Telepath's own, removed on quit)",
                "  Intercepts: 0 total"),
            text);
    }

    [Fact]
    public void A_daemon_without_a_manager_says_not_connected()
    {
        Assert.Equal(Lines.Of("Daemon: Running", "  Version   : v0.1.0", "Not connected"), StatusText.Format(new StatusReply { DaemonVersion = "v0.1.0" }).Replace(Environment.NewLine, "\n"));
    }

    [Fact]
    public void Only_this_laptops_intercept_shows_where_its_volumes_are_mounted()
    {
        var status = new StatusReply { DaemonVersion = "v0.1.0", Connected = true, ClientName = "alice@laptop", ProxyReason = "off" };
        status.Intercepts.Add(new InterceptInfo { Spec = new InterceptSpec { Name = "orders" }, ClientName = "alice@laptop" });
        status.Intercepts.Add(new InterceptInfo { Spec = new InterceptSpec { Name = "orders" }, ClientName = "bob@other" });
        var mount = new MountInfo { Directory = "/run/user/1000/telepath/mounts/orders" };
        mount.Volumes.Add(new MountedVolume { Path = "/etc/config", ReadOnly = true });
        status.Mounts["orders"] = mount;

        var lines = StatusText.Format(status).Replace(Environment.NewLine, "\n").Split('\n');

        Assert.Contains("    orders: alice@laptop, volumes at /run/user/1000/telepath/mounts/orders", lines);
        Assert.Contains("    orders: bob@other", lines);
    }

    [Fact]
    public void The_hub_line_names_the_login_and_its_organisation_and_is_absent_when_logged_out()
    {
        var login = new HubCredentials("https://hub.example/", "tph_secret", "device", "alice@example.com", "Org B");

        Assert.Equal("Hub: https://hub.example/ as alice@example.com (organisation Org B)\n", StatusText.Hub(login).Replace(Environment.NewLine, "\n"));
        Assert.Equal("", StatusText.Hub(null));
    }

    [Fact]
    public void A_mirror_intercept_is_shown_as_one()
    {
        var status = new StatusReply { Connected = true, ClientName = "alice@laptop" };
        status.Intercepts.Add(new InterceptInfo { Spec = new InterceptSpec { Name = "copy", Mirror = true }, ClientName = "alice@laptop", State = InterceptState.Active });

        Assert.EndsWith(Lines.Of("  Intercepts: 1 total", "    copy (mirror): alice@laptop"), StatusText.Format(status).Replace(Environment.NewLine, "\n"));
    }
}
