using System.Text.Json;
using k8s;
using k8s.Models;
using Telepath.Kubernetes.EndToEnd.Tests.Infrastructure;

namespace Telepath.Kubernetes.EndToEnd.Tests.Intercepts;

/// <summary>
/// A logged-in intercept without a terminal and without --ingress-* flags: the ingress questions take
/// the default the cluster's Ingress gives and never wait. The hub here is out of reach, so the intercept
/// is refused after the questions, and none is left behind.
/// </summary>
public sealed class PreviewIngressTests
{
    [Fact]
    public async Task Without_a_terminal_the_detected_Ingress_is_used_and_a_hub_out_of_reach_leaves_no_intercept()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        await SampleWorkloads.CreateAsync(cluster.Client, "orders", "http");
        await cluster.Client.NetworkingV1.CreateNamespacedIngressAsync(ShopIngress(), SampleWorkloads.Namespace);
        await using var laptop = new KubeLaptop(cluster.KubeconfigPath);
        await using var app = await LaptopApp.StartAsync();
        var credentials = Path.Combine(laptop.Home, ".config", "telepath", "credentials.json");
        Directory.CreateDirectory(Path.GetDirectoryName(credentials)!);
        await File.WriteAllTextAsync(credentials, """{"hub":"http://127.0.0.1:1/","token":"tph_unused","kind":"api-key","user":"alice@example.com","organisation":"Acme"}""");

        var intercept = await laptop.RunAsync("intercept", "orders", "--port", app.Port.ToString());
        var status = JsonDocument.Parse((await laptop.MustRunAsync("status", "--output", "json")).Stdout).RootElement;

        Assert.Equal(1, intercept.ExitCode);
        Assert.Contains("Preview requests go to shop.example.com:80 (cleartext, Host shop.example.com); detected from Ingress default/shop\n", intercept.Stderr);
        Assert.EndsWith("telepath: cannot reach the hub at http://127.0.0.1:1/: Connection refused (127.0.0.1:1)\n", intercept.Stderr);
        Assert.Equal(0, status.GetProperty("intercepts").GetArrayLength());
    }

    private static V1Ingress ShopIngress() => new()
    {
        Metadata = new V1ObjectMeta { Name = "shop" },
        Spec = new V1IngressSpec
        {
            Rules =
            [
                new V1IngressRule
                {
                    Host = "shop.example.com",
                    Http = new V1HTTPIngressRuleValue
                    {
                        Paths = [new V1HTTPIngressPath { Path = "/", PathType = "Prefix", Backend = new V1IngressBackend { Service = new V1IngressServiceBackend { Name = "orders", Port = new V1ServiceBackendPort { Name = "http" } } } }],
                    },
                },
            ],
        },
    };
}
