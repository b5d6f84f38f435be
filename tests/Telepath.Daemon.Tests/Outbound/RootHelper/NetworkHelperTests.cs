using System.Globalization;
using Telepath.Daemon.Outbound;
using Telepath.Daemon.Outbound.RootHelper;
using Telepath.Testing.Polling;
using Telepath.Testing.Processes;

namespace Telepath.Daemon.Tests.Outbound.RootHelper;

public sealed class NetworkHelperTests
{
    private const string OriginalResolvConf = "# written by the test\nnameserver 192.0.2.53\nnameserver 192.0.2.54\nsearch corp.example\noptions ndots:1\n";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    // Where no systemd-resolved runs (these namespaces), the resolver is wired in by the resolv.conf block. These
    // namespaces have no route, so the helper also adds routes of its own (OwnRoutesTests); here they must go again.
    private static readonly HelperReply ThroughTheBlock = new(true, Dns: "/etc/resolv.conf");

    private static HelperReply RoutesAside(HelperReply reply) => reply with { Routes = null };

    private static HelperRequest Apply(int proxyPort = 15001, params string[] clusterRanges) => HelperRequest.Apply(
        clusterRanges.Length == 0 ? ["10.96.0.0/12", "10.244.0.0/16"] : clusterRanges,
        ["10.96.0.1/32"],
        proxyPort,
        15353,
        "127.0.0.153",
        ["shop.svc.cluster.local", "svc.cluster.local", "cluster.local"],
        ["cluster.local", "default", "shop"]);

    [RootFact]
    public async Task Apply_creates_exactly_telepaths_table_and_the_resolver_block()
    {
        await using var network = await NetNamespace.CreateAsync(OriginalResolvConf);
        await using var helper = await HelperInNamespace.StartAsync(network);
        await using var client = await helper.ConnectAsync();

        var reply = await client.ApplyAsync(Apply(), CancellationToken.None);

        Assert.Equal(ThroughTheBlock, RoutesAside(reply));
        var table = await NftTable.ReadAsync(network);
        Assert.Equal(["ip telepath"], table.Tables);
        Assert.Equal(["10.244.0.0/16", "10.96.0.0/12"], table.Cluster.Order(StringComparer.Ordinal));
        Assert.Equal(["10.96.0.1/32"], table.Never);
        Assert.Equal([15353, 15353, 15001], table.RedirectPorts);
        Assert.Equal(
            ResolvConf.BlockBegin + "\nnameserver 127.0.0.153\nsearch shop.svc.cluster.local svc.cluster.local cluster.local corp.example\n" + ResolvConf.BlockEnd
            + "\n# written by the test\nnameserver 192.0.2.53\nnameserver 192.0.2.54\n#telepath# search corp.example\noptions ndots:1\n",
            await File.ReadAllTextAsync(network.ResolvConf));
    }

    [RootFact]
    public async Task Apply_again_replaces_the_table_and_the_block()
    {
        await using var network = await NetNamespace.CreateAsync(OriginalResolvConf);
        await using var helper = await HelperInNamespace.StartAsync(network);
        await using var client = await helper.ConnectAsync();
        await client.ApplyAsync(Apply(), CancellationToken.None);

        var reply = await client.ApplyAsync(Apply(16001, "10.100.0.0/16"), CancellationToken.None);

        Assert.Equal(ThroughTheBlock, RoutesAside(reply));
        var table = await NftTable.ReadAsync(network);
        Assert.Equal(["ip telepath"], table.Tables);
        Assert.Equal(["10.100.0.0/16"], table.Cluster);
        Assert.Equal([15353, 15353, 16001], table.RedirectPorts);
        var resolvConf = await File.ReadAllTextAsync(network.ResolvConf);
        Assert.Single(resolvConf.Split('\n'), line => line == ResolvConf.BlockBegin);
        Assert.Equal(OriginalResolvConf, ResolvConf.Unwrap(resolvConf));
    }

    [RootFact]
    public async Task Remove_restores_the_ruleset_and_resolv_conf_and_the_helper_keeps_serving()
    {
        await using var network = await NetNamespace.CreateAsync(OriginalResolvConf);
        var rulesetBefore = await network.RulesetAsync();
        var routesBefore = await network.RoutesAndLinksAsync();
        await using var helper = await HelperInNamespace.StartAsync(network);
        await using var client = await helper.ConnectAsync();
        await client.ApplyAsync(Apply(), CancellationToken.None);

        var reply = await client.RemoveAsync(CancellationToken.None);

        Assert.Equal(HelperReply.Done, reply);
        Assert.Equal(rulesetBefore, await network.RulesetAsync());
        Assert.Equal(routesBefore, await network.RoutesAndLinksAsync());
        Assert.Equal(OriginalResolvConf, await File.ReadAllTextAsync(network.ResolvConf));
        Assert.Equal(ThroughTheBlock, RoutesAside(await client.ApplyAsync(Apply(), CancellationToken.None)));
    }

    [RootFact]
    public async Task Closing_the_session_removes_everything_and_the_helper_exits()
    {
        await using var network = await NetNamespace.CreateAsync(OriginalResolvConf);
        var rulesetBefore = await network.RulesetAsync();
        var routesBefore = await network.RoutesAndLinksAsync();
        await using var helper = await HelperInNamespace.StartAsync(network);
        var client = await helper.ConnectAsync();
        await client.ApplyAsync(Apply(), CancellationToken.None);

        await client.DisposeAsync();

        await Poll.UntilAsync(() => Task.FromResult(helper.HasExited), () => "the helper still runs after its session closed");
        Assert.Equal(rulesetBefore, await network.RulesetAsync());
        Assert.Equal(routesBefore, await network.RoutesAndLinksAsync());
        Assert.Equal(OriginalResolvConf, await File.ReadAllTextAsync(network.ResolvConf));
    }

    [RootFact]
    public async Task A_killed_daemon_leaves_no_rule_and_no_resolver_block()
    {
        await using var network = await NetNamespace.CreateAsync(OriginalResolvConf);
        var rulesetBefore = await network.RulesetAsync();
        var routesBefore = await network.RoutesAndLinksAsync();
        await using var helper = await HelperInNamespace.StartAsync(network);
        await using var daemon = SocatClient.Start(helper.SocketPath);
        Assert.Equal("{\"ok\":true,\"dns\":\"/etc/resolv.conf\",\"routes\":[{\"cidr\":\"10.96.0.0/12\",\"device\":\"telepath0\",\"why\":\"no route covered 10.96.0.0/12\"}]}", await daemon.AskAsync(
            """{"op":"apply","clusterRanges":["10.96.0.0/12"],"neverRanges":[],"proxyPort":15001,"dnsPort":15353,"dnsAddress":"127.0.0.153","searchDomains":["svc.cluster.local"]}"""));
        Assert.Equal(["ip telepath"], (await NftTable.ReadAsync(network)).Tables);

        await daemon.KillAsync();

        await Poll.UntilAsync(() => Task.FromResult(helper.HasExited), () => "the helper still runs after its daemon was killed");
        Assert.Equal(rulesetBefore, await network.RulesetAsync());
        Assert.Equal(routesBefore, await network.RoutesAndLinksAsync());
        Assert.Equal(OriginalResolvConf, await File.ReadAllTextAsync(network.ResolvConf));
    }

    [RootFact]
    public async Task SIGTERM_removes_everything_and_the_helper_exits()
    {
        await using var network = await NetNamespace.CreateAsync(OriginalResolvConf);
        var rulesetBefore = await network.RulesetAsync();
        var routesBefore = await network.RoutesAndLinksAsync();
        await using var helper = await HelperInNamespace.StartAsync(network);
        await using var client = await helper.ConnectAsync();
        await client.ApplyAsync(Apply(), CancellationToken.None);

        await ProcessRunner.RunAsync("kill", ["-TERM", helper.Started.ProcessId.ToString(CultureInfo.InvariantCulture)]);

        await Poll.UntilAsync(() => Task.FromResult(helper.HasExited), () => "the helper still runs after SIGTERM");
        Assert.Equal(rulesetBefore, await network.RulesetAsync());
        Assert.Equal(routesBefore, await network.RoutesAndLinksAsync());
        Assert.Equal(OriginalResolvConf, await File.ReadAllTextAsync(network.ResolvConf));
    }

    [RootFact]
    public async Task A_new_helper_removes_what_a_killed_helper_left()
    {
        await using var network = await NetNamespace.CreateAsync(OriginalResolvConf);
        var rulesetBefore = await network.RulesetAsync();
        var routesBefore = await network.RoutesAndLinksAsync();
        var killed = await HelperInNamespace.StartAsync(network);
        var client = await killed.ConnectAsync();
        await client.ApplyAsync(Apply(), CancellationToken.None);

        // Killed while its session is open, so it cannot clean up (closing the session first would start a cleanup the kill then races).
        await killed.DisposeAsync();
        await client.DisposeAsync();

        await using var next = await HelperInNamespace.StartAsync(network);

        Assert.Equal(rulesetBefore, await network.RulesetAsync());
        Assert.Equal(routesBefore, await network.RoutesAndLinksAsync());
        Assert.Equal(OriginalResolvConf, await File.ReadAllTextAsync(network.ResolvConf));
    }

    [RootFact]
    public async Task A_peer_of_another_user_gets_one_error_line_and_changes_nothing()
    {
        await using var network = await NetNamespace.CreateAsync(OriginalResolvConf);
        var rulesetBefore = await network.RulesetAsync();
        await using var helper = await HelperInNamespace.StartAsync(network);
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("the network helper runs on Linux only");
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(helper.SocketPath));
        // Opened up on purpose: the file mode would stop nobody first, and this tests the helper's own check.
        File.SetUnixFileMode(helper.SocketPath, (UnixFileMode)Convert.ToInt32("777", 8));
        await using var stranger = SocatClient.Start(helper.SocketPath, asUser: 65534);

        var answer = await stranger.ReadLineAsync();

        Assert.Equal("refused: this Telepath network helper serves user 0 only, not user 65534", ErrorOf(answer));
        Assert.Null(await stranger.ReadLineAsync());
        Assert.Equal(rulesetBefore, await network.RulesetAsync());
        Assert.Equal(OriginalResolvConf, await File.ReadAllTextAsync(network.ResolvConf));
        Assert.False(helper.HasExited);
    }

    [RootFact]
    public async Task A_peer_of_another_user_that_asks_after_a_pause_still_reads_its_refusal()
    {
        await using var network = await NetNamespace.CreateAsync(OriginalResolvConf);
        await using var helper = await HelperInNamespace.StartAsync(network);
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("the network helper runs on Linux only");
        }

        File.SetUnixFileMode(helper.SocketPath, (UnixFileMode)Convert.ToInt32("777", 8));

        // The pause lets a helper that refused at once close first: the send would then fail with EPIPE and the
        // peer would never learn why (seen in CI as a Python client's BrokenPipeError).
        var start = new System.Diagnostics.ProcessStartInfo("setpriv")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/python3", "-c", AskAfterAPause, helper.SocketPath })
        {
            start.ArgumentList.Add(argument);
        }

        using var stranger = System.Diagnostics.Process.Start(start)!;
        var output = await stranger.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var errors = await stranger.StandardError.ReadToEndAsync();
        await stranger.WaitForExitAsync();

        Assert.True(stranger.ExitCode == 0, errors);
        Assert.Equal("refused: this Telepath network helper serves user 0 only, not user 65534", ErrorOf(output.Trim()));
        Assert.False(helper.HasExited);
    }

    private const string AskAfterAPause = """
        import socket, sys, time
        s = socket.socket(socket.AF_UNIX)
        s.connect(sys.argv[1])
        time.sleep(0.5)
        s.sendall(b'{"op":"remove"}\n')
        print(s.makefile().readline().strip())
        """;

    [RootFact]
    public async Task A_helper_whose_launcher_is_gone_before_any_daemon_connects_exits_without_waiting_for_its_timeout()
    {
        await using var network = await NetNamespace.CreateAsync(OriginalResolvConf);
        var rulesetBefore = await network.RulesetAsync();
        using var launcher = System.Diagnostics.Process.Start("true")!;
        await launcher.WaitForExitAsync();
        var socket = Path.Combine(Directory.CreateTempSubdirectory("telepath-helper-").FullName, "network.sock");

        // As after a Ctrl+C that reached only the CLI which started it: the launcher is gone, no daemon will come.
        var helper = await ProcessRunner.RunAsync(
            "ip",
            ["netns", "exec", network.Name, "dotnet", Executables.CliDll, "network-helper", "--uid", "0", "--socket", socket, "--launcher-pid", launcher.Id.ToString(CultureInfo.InvariantCulture)],
            timeout: NetworkHelperServer.FirstConnectionTimeout / 2);

        Assert.True(helper.ExitCode == 1, helper.ToString());
        Assert.Equal("ready\n", helper.Stdout);
        Assert.Equal(rulesetBefore, await network.RulesetAsync());
    }

    [RootFact]
    public async Task Invalid_requests_are_refused_with_a_line_and_change_nothing()
    {
        await using var network = await NetNamespace.CreateAsync(OriginalResolvConf);
        var rulesetBefore = await network.RulesetAsync();
        var routesBefore = await network.RoutesAndLinksAsync();
        await using var helper = await HelperInNamespace.StartAsync(network);
        await using var daemon = SocatClient.Start(helper.SocketPath);

        var answers = new List<string?>
        {
            await daemon.AskAsync("""{"op":"apply","clusterRanges":["10.96.0.0/12\n}"],"neverRanges":[],"proxyPort":15001,"dnsPort":15353,"dnsAddress":"127.0.0.153","searchDomains":[]}"""),
            await daemon.AskAsync("""{"op":"apply","clusterRanges":["fd00::/8"],"neverRanges":[],"proxyPort":70000,"dnsPort":15353,"dnsAddress":"10.0.0.1","searchDomains":["a b"]}"""),
            await daemon.AskAsync("""{"op":"apply","clusterRanges":[],"neverRanges":[],"proxyPort":15001,"dnsPort":15353,"dnsAddress":"127.0.0.153","searchDomains":[],"routeDomains":["shop","-x;reboot"]}"""),
            await daemon.AskAsync("""{"op":"apply","clusterRanges":["0.0.0.0/0","127.0.0.0/8","169.254.0.0/16","10.0.0.0/7","224.0.0.0/8"],"neverRanges":["0.0.0.0/0"],"proxyPort":15001,"dnsPort":15353,"dnsAddress":"127.0.0.153","searchDomains":[]}"""),
            await daemon.AskAsync("""{"op":"flush"}"""),
            await daemon.AskAsync("nameserver 6.6.6.6"),
        };

        Assert.Equal(
            [
                "clusterRanges: \"10.96.0.0/12?}\" is not an IPv4 CIDR such as 10.96.0.0/12 (no host bits after the prefix)",
                "clusterRanges: \"fd00::/8\" is not an IPv4 CIDR such as 10.96.0.0/12 (no host bits after the prefix); proxyPort must be a port from 1 to 65535, not 70000; "
                + "dnsAddress must be an IPv4 loopback address such as 127.0.0.153, not \"10.0.0.1\"; searchDomains: \"a b\" is not a DNS name such as shop.svc.cluster.local",
                "routeDomains: \"-x;reboot\" is not a DNS name such as shop.svc.cluster.local",
                "clusterRanges: 0.0.0.0/0 is wider than a /8, which is more than any cluster's range; clusterRanges: 127.0.0.0/8 overlaps 127.0.0.0/8 (loopback), which the laptop itself uses; "
                + "clusterRanges: 169.254.0.0/16 overlaps 169.254.0.0/16 (link-local), which the laptop itself uses; clusterRanges: 10.0.0.0/7 is wider than a /8, which is more than any cluster's range; "
                + "clusterRanges: 224.0.0.0/8 overlaps 224.0.0.0/3 (multicast, reserved and broadcast), which the laptop itself uses",
                "unknown op \"flush\": use apply, remove or cleanup",
                "not a JSON request ('nameserver 6.6.6.6' is an invalid JSON literal. Expected the literal 'null'): send one JSON object a line, such as {\"op\":\"remove\"}",
            ],
            answers.Select(ErrorOf));
        Assert.Equal(rulesetBefore, await network.RulesetAsync());
        Assert.Equal(routesBefore, await network.RoutesAndLinksAsync());
        Assert.Equal(OriginalResolvConf, await File.ReadAllTextAsync(network.ResolvConf));
    }

    private static string? ErrorOf(string? answer)
    {
        using var json = System.Text.Json.JsonDocument.Parse(answer ?? "null");
        return json.RootElement.GetProperty("ok").GetBoolean() ? null : json.RootElement.GetProperty("error").GetString();
    }
}
