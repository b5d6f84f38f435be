using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telepath.Hub.Tests.Infrastructure;

namespace Telepath.Hub.Tests.Hosting;

/// <summary>With `Hub:PublicUrl` set, every absolute link the hub hands out is built from it, whatever Host a request names.</summary>
public abstract class PublicLinkTests(HubDatabaseKind database) : HubTestBase(database)
{
    private const string Public = "http://hub.example.com:8443";
    private const string Forged = "evil.example";

    [HubFact]
    public async Task A_forged_host_header_does_not_reach_the_sign_in_redirect()
    {
        var hub = await StartHubAsync(adjust: o => o with { PublicUrl = new Uri(Public) });
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = hub.BaseAddress };

        using var response = await client.SendAsync(Forge(new HttpRequestMessage(HttpMethod.Get, "/dashboard")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith($"{Public}/signin?", response.Headers.Location!.ToString());
    }

    [HubFact]
    public async Task A_forged_host_header_does_not_reach_the_device_verification_link()
    {
        var hub = await StartHubAsync(adjust: o => o with { PublicUrl = new Uri(Public) });
        using var client = hub.Api();

        using var response = await client.SendAsync(Forge(new HttpRequestMessage(HttpMethod.Post, "/api/cli/device")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["client_name"] = "telepath CLI" }),
        }));
        var started = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal($"{Public}/device", started.GetProperty("verification_uri").GetString());
        Assert.StartsWith($"{Public}/device?user_code=", started.GetProperty("verification_uri_complete").GetString());
    }

    [HubFact]
    public async Task A_forged_host_header_does_not_reach_a_previews_url()
    {
        var hub = await StartHubAsync(adjust: o => o with { PublicUrl = new Uri(Public) });
        var (_, laptop) = await hub.OwnerAsync();

        using var response = await laptop.SendAsync(Forge(new HttpRequestMessage(HttpMethod.Post, "/api/previews")
        {
            Content = JsonContent.Create(PreviewScenarios.Body(8080)),
        }));
        var preview = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"http://{preview.GetProperty("id").GetString()}.localhost:8443/", preview.GetProperty("url").GetString());
    }

    private static HttpRequestMessage Forge(HttpRequestMessage request)
    {
        request.Headers.Host = Forged;
        return request;
    }
}

public sealed class PublicLinkTestsOnSqlite() : PublicLinkTests(HubDatabaseKind.Sqlite);

[OnPostgres]
public sealed class PublicLinkTestsOnPostgres() : PublicLinkTests(HubDatabaseKind.Postgres);
