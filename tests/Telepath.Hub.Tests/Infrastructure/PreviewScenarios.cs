using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Telepath.Hub.Tests.Infrastructure;

/// <summary>What the daemon sends to make a preview, and the steps of the preview tests.</summary>
public static class PreviewScenarios
{
    public const string InterceptId = "0b6c3a52-8f0e-4a8e-9d3c-2f5b6a7c8d9e";
    public const string HeaderValue = InterceptId + ":orders";

    /// <summary>A body as Telepath.Core's PreviewCreation serialises it, for an ingress on loopback.</summary>
    public static JsonObject Body(int ingressPort, bool isPublic = false, string l5Host = "shop.example", bool tls = false) => new()
    {
        ["intercept_id"] = InterceptId,
        ["intercept_name"] = "orders",
        ["workload"] = "orders",
        ["namespace"] = "default",
        ["header_name"] = LoopbackIngress.InterceptHeader,
        ["header_value"] = HeaderValue,
        ["ingress_host"] = "127.0.0.1",
        ["ingress_port"] = ingressPort,
        ["ingress_tls"] = tls,
        ["ingress_l5_host"] = l5Host,
        ["public"] = isPublic,
    };

    /// <returns>The created preview's `id`, `url` and the rest, as the CLI reads them.</returns>
    public static async Task<JsonElement> CreatePreviewAsync(this HttpClient laptop, JsonObject body)
    {
        var response = await laptop.PostAsJsonAsync("/api/previews", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"creating a preview failed: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    public static Task<JsonElement> CreatePreviewAsync(this HttpClient laptop, int ingressPort, bool isPublic = false) =>
        laptop.CreatePreviewAsync(Body(ingressPort, isPublic));

    public static async Task<List<string>> MineAsync(this HttpClient laptop) =>
        [.. (await laptop.GetFromJsonAsync<JsonElement>("/api/previews/mine")).EnumerateArray().Select(p => p.GetProperty("id").GetString()!)];

    /// <summary>The set-up admin of Org A with a CLI token (an API key here, a device login for the CLI: the same bearer).</summary>
    public static async Task<(HubBrowser Browser, HttpClient Laptop)> OwnerAsync(this TestHub hub)
    {
        var browser = await hub.SetUpAdminAsync();
        return (browser, hub.Api(await browser.CreateApiKeyAsync()));
    }
}
