using Telepath.Network.Testing.Workloads;
using Telepath.Network.Tests.Infrastructure;
using Telepath.Testing.Clients;

namespace Telepath.Network.Tests.Topology;

/// <summary>The topology is what the outbound tests take it for: the laptop sees the API server and nothing of the cluster's networks.</summary>
public sealed class TopologyFaithfulnessTests(ShopTopologyFixture shop) : IClassFixture<ShopTopologyFixture>
{
    // 7: could not connect; 28: timed out (a dropped SYN).
    private static readonly int[] CurlNoAnswer = [7, 28];

    [NetnsFact]
    public async Task The_laptop_reaches_the_API_server_with_a_bearer_token()
    {
        var curl = await shop.OnLaptopAsync(
            "curl", "-sS", "-k", "--max-time", "10", $"{shop.Cluster.ApiUrl}/api/v1/namespaces", "-H", "Authorization: Bearer telepath-test-token");

        Assert.True(curl.ExitCode == 0, curl.ToString());
        Assert.Contains("\"kind\":\"NamespaceList\"", curl.Stdout.Replace(" ", "", StringComparison.Ordinal));
        Assert.Contains("\"shop\"", curl.Stdout);
    }

    [NetnsFact]
    public async Task Pod_and_service_addresses_are_unreachable_from_the_laptop()
    {
        var pod = await shop.OnLaptopAsync("curl", "-sS", "--max-time", "3", $"http://{shop.OrdersPodIp}:{ShopWorkloads.AppPort}/");
        var service = await shop.OnLaptopAsync("curl", "-sS", "--max-time", "3", $"http://{shop.OrdersClusterIp}/");
        var route = await shop.OnLaptopAsync("ip", "route", "get", shop.OrdersPodIp);

        // The default route leads to the API server's namespace, which drops what is not its own.
        Assert.Contains(pod.ExitCode, CurlNoAnswer);
        Assert.Contains(service.ExitCode, CurlNoAnswer);
        Assert.Contains($"via {shop.Topology.ApiLaptopSideAddress}", route.Stdout, StringComparison.Ordinal);
    }

    [NetnsFact]
    public async Task The_API_server_namespace_does_not_forward_the_laptops_packets()
    {
        var forwarding = await NetworkTopology.ExecAsync(shop.Topology.Names.Api, ["sysctl", "-n", "net.ipv4.ip_forward"]);
        var routeViaApi = await shop.OnLaptopAsync("ip", "route", "add", "10.0.0.0/8", "via", shop.Topology.ApiLaptopSideAddress.ToString());
        try
        {
            var pod = await shop.OnLaptopAsync("curl", "-sS", "--max-time", "3", $"http://{shop.OrdersPodIp}:{ShopWorkloads.AppPort}/");

            Assert.Equal(0, routeViaApi.ExitCode);
            Assert.Equal("0", forwarding.Stdout.Trim());
            Assert.NotEqual(0, pod.ExitCode);
        }
        finally
        {
            await shop.OnLaptopAsync("ip", "route", "del", "10.0.0.0/8");
        }
    }

    [NetnsFact]
    public async Task Inside_the_cluster_pod_IPs_answer_directly_and_ClusterIPs_through_the_kube_proxy()
    {
        var pod = await shop.InClusterAsync("curl", "-sS", "--max-time", "5", $"http://{shop.OrdersPodIp}:{ShopWorkloads.AppPort}/");
        var service = await shop.InClusterAsync("curl", "-sS", "--max-time", "5", $"http://{shop.OrdersClusterIp}/");
        var http2 = await shop.InClusterAsync("curl", "-sS", "--max-time", "5", "--http2-prior-knowledge", $"http://{shop.OrdersClusterIp}/");
        var dotnet = await shop.InClusterAsync([.. TopologyCluster.DotnetFetch($"http://{shop.OrdersClusterIp}/")]);
        var redis = await shop.InClusterAsync("redis-cli", "-h", shop.DbPodIp, "-p", ShopWorkloads.RedisPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "PING");

        Assert.Equal("hello from cluster\n", pod.Stdout);
        Assert.Equal("hello from cluster\n", service.Stdout);
        Assert.Equal("hello from cluster\n", http2.Stdout);
        Assert.Equal("hello from cluster\n", dotnet.Stdout);
        Assert.Equal("PONG", redis.Stdout.Trim());
    }

    [NetnsFact]
    public async Task Inside_the_cluster_Service_and_StatefulSet_pod_names_resolve_through_the_clusters_DNS()
    {
        var service = await shop.InClusterAsync("getent", "hosts", "orders.shop");
        var pod = await shop.InClusterAsync("getent", "hosts", "db-0.db.shop.svc.cluster.local");
        var curl = await shop.InClusterAsync("curl", "-sS", "--max-time", "5", "http://orders.shop/");
        var aaaa = await shop.InClusterAsync("dig", "+time=3", "+tries=1", "orders.shop.svc.cluster.local", "AAAA");
        var unknown = await shop.InClusterAsync("dig", "+time=3", "+tries=1", "nothing.shop.svc.cluster.local", "A");

        Assert.StartsWith($"{shop.OrdersClusterIp} ", service.Stdout);
        Assert.StartsWith($"{shop.DbPodIp} ", pod.Stdout);
        Assert.Equal("hello from cluster\n", curl.Stdout);
        Assert.Contains("status: NOERROR", aaaa.Stdout);
        Assert.Contains("ANSWER: 0,", aaaa.Stdout);
        Assert.Contains("status: NXDOMAIN", unknown.Stdout);
    }

    [NetnsFact]
    public async Task Inside_the_cluster_the_outbound_tests_gRPC_and_WebSocket_clients_reach_the_sample_app()
    {
        var grpc = await shop.InClusterAsync("/usr/bin/python3", "-c", PythonGrpcEchoScript.Say, $"orders.shop:{ShopWorkloads.OrdersPort}", "");
        var echo = await shop.InClusterAsync("/usr/bin/python3", Path.Combine(AppContext.BaseDirectory, "Assets", "ws_echo.py"), "ws://orders.shop/ws");

        Assert.True(grpc.ExitCode == 0, grpc.ToString());
        Assert.Equal("hi cluster\n", grpc.Stdout);
        Assert.True(echo.ExitCode == 0, echo.ToString());
        Assert.Equal("cluster: hello\n", echo.Stdout);
    }

    [NetnsFact]
    public async Task Telepath_connect_from_the_laptop_reaches_the_manager_through_the_API_servers_port_forward()
    {
        await using var laptop = new LaptopCli(shop.Topology, shop.Cluster.LaptopKubeconfig);

        var connect = await laptop.MustRunAsync("connect");
        var status = await laptop.MustRunAsync("status");
        var quit = await laptop.RunAsync("quit");

        Assert.Contains($"Connected to topology ({shop.Cluster.ApiUrl}), namespace default", connect.Stdout);
        Assert.Contains("\nConnected\n", status.Stdout);
        Assert.Matches(@"  Manager   : telepath/telepath-manager v\d+\.\d+\.\d+", status.Stdout);
        Assert.Equal(0, quit.ExitCode);
    }
}
