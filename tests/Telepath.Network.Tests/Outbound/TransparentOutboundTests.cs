using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Telepath.Network.Testing.Workloads;
using Telepath.Network.Tests.Infrastructure;
using Telepath.Testing.Clients;

namespace Telepath.Network.Tests.Outbound;

/// <summary>
/// Issue 6, "Proxy: ON": with the laptop connected in namespace shop, processes in the laptop's
/// namespace, which has no route to the cluster, reach Services and Pods by name and address with
/// clients we did not write.
/// </summary>
public sealed partial class TransparentOutboundTests(ConnectedShopFixture shop) : IClassFixture<ConnectedShopFixture>
{
    private const string Hello = "hello from cluster\n";

    [NetnsTheory]
    [InlineData("orders")]
    [InlineData("orders.shop")]
    [InlineData("orders.shop.svc")]
    [InlineData("orders.shop.svc.cluster.local")]
    public async Task Curl_reaches_a_Service_by_name(string name)
    {
        var curl = await CurlAsync($"http://{name}/");

        Assert.True(curl.ExitCode == 0, Explain(curl));
        Assert.Equal(Hello, curl.Stdout);
    }

    [NetnsFact]
    public async Task A_dotnet_HttpClient_reaches_a_Service_by_its_namespaced_name()
    {
        var fetch = await shop.OnLaptopAsync([.. TopologyCluster.DotnetFetch("http://orders.shop/")]);

        Assert.True(fetch.ExitCode == 0, Explain(fetch));
        Assert.Equal(Hello, fetch.Stdout);
    }

    [NetnsFact]
    public async Task Curl_reaches_a_Services_ClusterIP_and_a_Pods_IP()
    {
        var service = await CurlAsync($"http://{shop.OrdersClusterIp}/");
        var pod = await CurlAsync($"http://{shop.OrdersPodIp}:{ShopWorkloads.AppPort}/");

        Assert.True(service.ExitCode == 0, Explain(service));
        Assert.Equal(Hello, service.Stdout);
        Assert.True(pod.ExitCode == 0, Explain(pod));
        Assert.Equal(Hello, pod.Stdout);
    }

    [NetnsFact]
    public async Task Getent_resolves_a_Service_to_its_ClusterIP_and_a_headless_Services_pod_to_its_IP()
    {
        var service = await shop.OnLaptopAsync("getent", "hosts", "orders.shop");
        var pod = await shop.OnLaptopAsync("getent", "hosts", "db-0.db.shop.svc.cluster.local");

        Assert.True(service.ExitCode == 0, Explain(service));
        Assert.Equal(shop.OrdersClusterIp, service.Stdout.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]);
        Assert.True(pod.ExitCode == 0, Explain(pod));
        Assert.Equal(shop.DbPodIp, pod.Stdout.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]);
    }

    [NetnsFact]
    public async Task Dig_gets_an_A_answer_with_a_TTL_and_an_empty_NOERROR_for_AAAA()
    {
        var a = await shop.OnLaptopAsync("dig", "+time=3", "+tries=1", "+noall", "+answer", "orders.shop.svc.cluster.local", "A");
        var aaaa = await shop.OnLaptopAsync("dig", "+time=3", "+tries=1", "orders.shop.svc.cluster.local", "AAAA");

        Assert.True(a.ExitCode == 0, Explain(a));
        var answer = AnswerLine().Match(a.Stdout);
        Assert.True(answer.Success, Explain(a));
        Assert.Equal(shop.OrdersClusterIp, answer.Groups["address"].Value);
        Assert.True(int.Parse(answer.Groups["ttl"].Value, CultureInfo.InvariantCulture) > 0, a.Stdout);
        Assert.True(aaaa.ExitCode == 0, Explain(aaaa));
        Assert.Contains("status: NOERROR", aaaa.Stdout);
        Assert.Contains("ANSWER: 0,", aaaa.Stdout);
    }

    [NetnsFact]
    public async Task Redis_cli_reaches_a_headless_Services_pod_by_its_name()
    {
        var redis = await shop.OnLaptopAsync("redis-cli", "-h", "db-0.db.shop", "-p", ShopWorkloads.RedisPort.ToString(CultureInfo.InvariantCulture), "PING");

        Assert.True(redis.ExitCode == 0, Explain(redis));
        Assert.Equal("PONG\n", redis.Stdout);
    }

    [NetnsFact]
    public async Task Curl_speaks_HTTP2_with_prior_knowledge_to_a_Service()
    {
        var curl = await CurlAsync("--http2-prior-knowledge", "-w", "%{http_version}\n", "http://orders.shop/");

        Assert.True(curl.ExitCode == 0, Explain(curl));
        Assert.Equal(Hello + "2\n", curl.Stdout);
    }

    [NetnsFact]
    public async Task Pythons_grpcio_calls_the_Services_gRPC_method()
    {
        var grpc = await shop.OnLaptopAsync("/usr/bin/python3", "-c", PythonGrpcEchoScript.Say, $"orders.shop:{ShopWorkloads.OrdersPort}", "");

        Assert.True(grpc.ExitCode == 0, Explain(grpc));
        Assert.Equal("hi cluster\n", grpc.Stdout);
    }

    [NetnsFact]
    public async Task Pythons_websockets_gets_its_message_echoed_by_the_Service()
    {
        var echo = await shop.OnLaptopAsync("/usr/bin/python3", Asset("ws_echo.py"), "ws://orders.shop/ws");

        Assert.True(echo.ExitCode == 0, Explain(echo));
        Assert.Equal("cluster: hello\n", echo.Stdout);
    }

    [NetnsFact]
    public async Task A_name_outside_the_cluster_still_resolves_through_the_laptops_own_resolver()
    {
        var outside = await shop.OnLaptopAsync("getent", "hosts", LaptopResolver.KnownName);

        Assert.True(outside.ExitCode == 0, Explain(outside));
        Assert.Equal(LaptopResolver.KnownAddress, outside.Stdout.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]);
    }

    [NetnsFact]
    public async Task The_laptops_default_route_and_its_link_to_the_API_server_are_untouched_while_connected()
    {
        var routes = await shop.OnLaptopAsync("ip", "-4", "route", "show", "table", "all");

        Assert.Equal(Kept(shop.BeforeConnect.Routes), Kept(routes.Stdout));
        Assert.Contains(shop.Topology.LaptopLink, routes.Stdout);
    }

    [NetnsFact]
    public async Task With_a_default_route_that_covers_the_ranges_Telepath_adds_no_route_and_no_link()
    {
        var routes = await shop.OnLaptopAsync("ip", "-4", "route", "show", "table", "all");
        var links = await shop.OnLaptopAsync("ls", "/sys/class/net");
        var text = await shop.Laptop.MustRunAsync("status");
        var json = JsonNode.Parse((await shop.Laptop.MustRunAsync("status", "--output", "json")).Stdout)!;

        Assert.DoesNotContain(" proto 84", routes.Stdout);
        Assert.DoesNotContain("telepath0", links.Stdout);
        Assert.DoesNotContain("  Route     :", text.Stdout);
        Assert.Empty(json["addedRoutes"]!.AsArray());
    }

    [NetnsFact]
    public async Task Status_says_Proxy_ON_and_shows_ranges_that_hold_the_Service_and_Pod_addresses()
    {
        var status = await shop.Laptop.MustRunAsync("status");

        Assert.Contains("  Proxy     : ON (networking to the cluster is enabled)\n", status.Stdout);
        var ranges = Cidr().Matches(status.Stdout).Select(m => IPNetwork.Parse(m.Value)).ToList();
        Assert.Contains(ranges, r => r.Contains(IPAddress.Parse(shop.OrdersClusterIp)));
        Assert.Contains(ranges, r => r.Contains(IPAddress.Parse(shop.OrdersPodIp)));
        Assert.Contains("cluster.local", status.Stdout);
    }

    [NetnsFact]
    public async Task Status_as_JSON_has_proxyOn_the_ranges_and_the_DNS_domains()
    {
        var status = await shop.Laptop.MustRunAsync("status", "--output", "json");

        var json = JsonNode.Parse(status.Stdout)!.AsObject();
        Assert.True(json["proxyOn"]!.GetValue<bool>(), status.Stdout);
        var ranges = json["proxyRanges"]!.AsArray().Select(r => IPNetwork.Parse(r!["cidr"]!.GetValue<string>())).ToList();
        Assert.Contains(ranges, r => r.Contains(IPAddress.Parse(shop.OrdersClusterIp)));
        Assert.Contains(ranges, r => r.Contains(IPAddress.Parse(shop.OrdersPodIp)));
        var sources = json["proxyRanges"]!.AsArray().Select(r => r!["source"]!.GetValue<string>()).ToList();
        // The cluster's own answers (its ServiceCIDR, its node's podCIDR), not guesses.
        Assert.Contains("services: ServiceCIDR kubernetes", sources);
        Assert.Contains("pods: node podCIDRs", sources);
        var domains = json["dnsDomains"]!.AsArray().Select(d => d!.GetValue<string>().TrimEnd('.')).ToList();
        Assert.Contains("cluster.local", domains);
        Assert.Contains("shop", domains);
        Assert.StartsWith("shop.svc.cluster.local", json["dnsSearch"]!.AsArray()[0]!.GetValue<string>());
    }

    private Task<ProcessResult> CurlAsync(params string[] arguments) =>
        shop.OnLaptopAsync(["curl", "-sS", "--max-time", "20", .. arguments]);

    private string Explain(ProcessResult result) => $"{result}\n--- daemon.log (tail) ---\n{shop.Laptop.DaemonLogTail()}";

    // Telepath may add routes for the cluster's ranges; the default route and the link's own must stay.
    private static IEnumerable<string> Kept(string routes) =>
        routes.Split('\n').Where(r => (r.StartsWith("default", StringComparison.Ordinal) || r.Contains("proto kernel", StringComparison.Ordinal))
            && !r.Contains("table local", StringComparison.Ordinal));

    private static string Asset(string name) => Path.Combine(AppContext.BaseDirectory, "Assets", name);

    [GeneratedRegex(@"\s(?<ttl>\d+)\s+IN\s+A\s+(?<address>[\d.]+)")]
    private static partial Regex AnswerLine();

    [GeneratedRegex(@"\b\d{1,3}(\.\d{1,3}){3}/\d{1,2}\b")]
    private static partial Regex Cidr();
}
