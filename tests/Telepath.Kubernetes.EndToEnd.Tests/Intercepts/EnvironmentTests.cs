using System.Text.Json.Nodes;
using Telepath.Kubernetes.EndToEnd.Tests.Infrastructure;

namespace Telepath.Kubernetes.EndToEnd.Tests.Intercepts;

public sealed class EnvironmentTests
{
    [Fact]
    public async Task Env_file_and_env_json_hold_the_app_containers_environment()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var env = new Dictionary<string, string> { ["GREETING"] = "hello world", ["DB_URL"] = "postgres://db:5432/orders" };
        await SampleWorkloads.CreateAsync(cluster.Client, "orders", "http", env);
        await using var laptop = new KubeLaptop(cluster.KubeconfigPath);
        await using var app = await LaptopApp.StartAsync();
        var envFile = Path.Combine(laptop.Home, "orders.env");
        var envJson = Path.Combine(laptop.Home, "orders.json");
        await laptop.MustRunAsync("connect");

        await laptop.MustRunAsync("intercept", "orders", "--port", app.Port.ToString(), "--env-file", envFile, "--env-json", envJson);

        Assert.Equal("DB_URL=postgres://db:5432/orders\nGREETING='hello world'\n", await File.ReadAllTextAsync(envFile));
        var json = JsonNode.Parse(await File.ReadAllTextAsync(envJson))!.AsObject();
        Assert.Equal("hello world", json["GREETING"]!.GetValue<string>());
        Assert.Equal(2, json.Count);

        // The environment holds the workload's secrets: it goes to the files asked for, and nowhere else.
        foreach (var command in new[] { "status", "list" })
        {
            var shown = (await laptop.MustRunAsync(command, "--output", "json")).Stdout;
            Assert.Contains("\"orders\"", shown, StringComparison.Ordinal);
            Assert.DoesNotContain("postgres://db:5432/orders", shown, StringComparison.Ordinal);
        }
    }
}
