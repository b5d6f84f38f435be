using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telepath.Hub.Previews.Ingress;
using Telepath.Hub.Tests.Infrastructure;

namespace Telepath.Hub.Tests.Previews.Ingress;

/// <summary>
/// The preview proxy is no open proxy: an ingress on loopback, link-local or outside what the administrator allows
/// is refused when the preview is made, and again at every connection, on the address the name resolves to then.
/// </summary>
public abstract class IngressRefusalTests(HubDatabaseKind database) : HubTestBase(database)
{
    [HubFact]
    public async Task A_preview_naming_loopback_link_local_or_a_name_resolving_there_is_refused_by_default()
    {
        var hub = await StartHubAsync(adjust: o => o with { Ingress = null });
        var (_, laptop) = await hub.OwnerAsync();

        foreach (var (host, why) in new[]
        {
            ("127.0.0.1", "ingress_host 127.0.0.1 is refused: loopback addresses are refused unless Hub:Ingress:Allow lists their range"),
            ("169.254.169.254", "ingress_host 169.254.169.254 is refused: link-local addresses"),
            ("::1", "ingress_host ::1 is refused: loopback addresses"),
            ("0.0.0.0", "ingress_host 0.0.0.0 is refused: unspecified addresses"),
            // The machine's own resolver: localhost is loopback without any DNS server.
            ("localhost", "ingress_host localhost resolves to "),
        })
        {
            var (status, error) = await TryCreateAsync(laptop, host);

            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal("ingress_not_allowed", error.GetProperty("error").GetString());
            Assert.StartsWith(why, error.GetProperty("error_description").GetString());
        }

        Assert.Empty(await laptop.MineAsync());
    }

    [HubFact]
    public async Task Listed_ranges_admit_loopback_and_link_local_ingresses()
    {
        var hub = await StartHubAsync(adjust: o => o with { Ingress = IngressOptions.Allowing(["127.0.0.0/8, ::1", "169.254.169.254"]) });
        var (_, laptop) = await hub.OwnerAsync();

        foreach (var host in new[] { "127.0.0.1", "::1", "169.254.169.254", "localhost" })
        {
            Assert.Equal(HttpStatusCode.Created, (await TryCreateAsync(laptop, host)).Status);
        }
    }

    [HubFact]
    public async Task Listed_host_names_are_the_only_names_a_preview_may_use()
    {
        var resolver = new FakeIngressResolver()
            .Answer("ingress.example.com", "203.0.113.10")
            .Answer("ingress.elsewhere.test", "203.0.113.11")
            .Answer("metadata.example.com", "169.254.169.254");
        var hub = await StartHubAsync(adjust: o => o with { Ingress = IngressOptions.Allowing(["*.example.com"]) }, resolver: resolver);
        var (_, laptop) = await hub.OwnerAsync();

        Assert.Equal(HttpStatusCode.Created, (await TryCreateAsync(laptop, "ingress.example.com")).Status);
        Assert.Equal(
            "ingress_host ingress.elsewhere.test is not allowed: Hub:Ingress:Allow does not name it",
            (await TryCreateAsync(laptop, "ingress.elsewhere.test")).Error.GetProperty("error_description").GetString());
        Assert.Equal(
            "ingress_host 203.0.113.11 is refused: it is in none of the ranges in Hub:Ingress:Allow",
            (await TryCreateAsync(laptop, "203.0.113.11")).Error.GetProperty("error_description").GetString());
        // A listed name is no way around the refused ranges.
        Assert.StartsWith(
            "ingress_host metadata.example.com resolves to 169.254.169.254, which is refused: link-local addresses",
            (await TryCreateAsync(laptop, "metadata.example.com")).Error.GetProperty("error_description").GetString());
    }

    [HubFact]
    public async Task Cluster_services_only_admits_service_names()
    {
        var resolver = new FakeIngressResolver()
            .Answer("ingress-nginx-controller.ingress-nginx.svc", "10.96.0.20")
            .Answer("ingress-nginx-controller.ingress-nginx.svc.cluster.local", "10.96.0.20")
            .Answer("example.com", "203.0.113.10");
        var hub = await StartHubAsync(adjust: o => o with { Ingress = IngressOptions.Allowing([], clusterServicesOnly: true) }, resolver: resolver);
        var (_, laptop) = await hub.OwnerAsync();

        Assert.Equal(HttpStatusCode.Created, (await TryCreateAsync(laptop, "ingress-nginx-controller.ingress-nginx.svc")).Status);
        Assert.Equal(HttpStatusCode.Created, (await TryCreateAsync(laptop, "ingress-nginx-controller.ingress-nginx.svc.cluster.local")).Status);
        Assert.StartsWith(
            "ingress_host example.com is not allowed: Hub:Ingress:ClusterServicesOnly admits only cluster Service names",
            (await TryCreateAsync(laptop, "example.com")).Error.GetProperty("error_description").GetString());
    }

    [HubFact]
    public async Task A_name_that_later_resolves_to_loopback_is_not_connected_to()
    {
        var resolver = new FakeIngressResolver().Answer("shop.example.com", "203.0.113.10");
        var hub = await StartHubAsync(adjust: o => o with { Ingress = null }, resolver: resolver);
        await using var ingress = await LoopbackIngress.StartAsync();
        var (_, laptop) = await hub.OwnerAsync();
        var preview = await laptop.CreatePreviewAsync(Body("shop.example.com", ingress.Port));

        resolver.Answer("shop.example.com", "127.0.0.1");
        using var visitor = new PreviewVisitor(hub.BaseAddress);
        var page = await visitor.GetAsync(preview.GetProperty("url").GetString() + "echo/");

        Assert.Equal(HttpStatusCode.BadGateway, page.Status);
        Assert.Contains("The preview&#x27;s ingress is refused", page.Html);
        Assert.Contains("shop.example.com resolves to 127.0.0.1, which is refused: loopback addresses", page.Html);
    }

    [HubFact]
    public async Task The_proxy_connects_only_to_the_allowed_addresses_of_a_name()
    {
        // The test hub allows 127.0.0.1 and no other range, so of these two only the loopback ingress may be dialled.
        var resolver = new FakeIngressResolver().Answer("shop.example.com", "169.254.169.254", "127.0.0.1");
        var hub = await StartHubAsync(adjust: o => o with { Ingress = IngressOptions.Allowing(["127.0.0.1/32", "shop.example.com"]) }, resolver: resolver);
        await using var ingress = await LoopbackIngress.StartAsync();
        var (_, laptop) = await hub.OwnerAsync();
        var preview = await laptop.CreatePreviewAsync(Body("shop.example.com", ingress.Port));

        using var visitor = new PreviewVisitor(hub.BaseAddress);
        var page = await visitor.GetAsync(preview.GetProperty("url").GetString() + "echo/");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(PreviewScenarios.HeaderValue, LoopbackIngress.Parse(page.Html).GetProperty("intercept").GetString());
    }

    private static System.Text.Json.Nodes.JsonObject Body(string host, int port)
    {
        var body = PreviewScenarios.Body(port, isPublic: true);
        body["ingress_host"] = host;
        return body;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Error)> TryCreateAsync(HttpClient laptop, string host)
    {
        using var response = await laptop.PostAsJsonAsync("/api/previews", Body(host, 443));
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }
}

public sealed class IngressRefusalTestsOnSqlite() : IngressRefusalTests(HubDatabaseKind.Sqlite);

[OnPostgres]
public sealed class IngressRefusalTestsOnPostgres() : IngressRefusalTests(HubDatabaseKind.Postgres);
