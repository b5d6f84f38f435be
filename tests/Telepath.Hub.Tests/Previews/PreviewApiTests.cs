using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Telepath.Hub.Previews;
using Telepath.Hub.Tests.Infrastructure;

namespace Telepath.Hub.Tests.Previews;

/// <summary>The laptop's preview API: create (validated field by field), list its own (which renews the lease), delete.</summary>
public abstract class PreviewApiTests(HubDatabaseKind database) : HubTestBase(database)
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    [HubFact]
    public async Task A_preview_is_made_for_the_caller_with_a_url_under_the_preview_domain()
    {
        await using var hub = await StartHubAsync();
        var (_, laptop) = await hub.OwnerAsync();

        var preview = await laptop.CreatePreviewAsync(PreviewScenarios.Body(8080, isPublic: true));

        var id = preview.GetProperty("id").GetString()!;
        Assert.Matches("^[a-z][a-z0-9]{11}$", id);
        Assert.Equal(PreviewScenarios.InterceptId, preview.GetProperty("intercept_id").GetString());
        Assert.Equal($"http://{id}.localhost:{hub.BaseAddress.Port}/", preview.GetProperty("url").GetString());
        Assert.Equal("public", preview.GetProperty("visibility").GetString());
        Assert.Equal([id], await laptop.MineAsync());
    }

    [HubFact]
    public async Task The_url_takes_the_scheme_and_port_of_the_public_url()
    {
        await using var hub = await StartHubAsync(adjust: o => o with { PublicUrl = new Uri("http://hub.example.com:8443"), PreviewDomain = "preview.example.com" });
        var (_, laptop) = await hub.OwnerAsync();

        var preview = await laptop.CreatePreviewAsync(8080);

        Assert.Equal($"http://{preview.GetProperty("id").GetString()}.preview.example.com:8443/", preview.GetProperty("url").GetString());
        Assert.Equal("private", preview.GetProperty("visibility").GetString());
    }

    public static TheoryData<string, JsonNode?, string> BadFields => new()
    {
        { "intercept_id", null, "intercept_id is required" },
        { "intercept_name", "two words", "intercept_name" },
        { "workload", "", "workload is required" },
        { "namespace", "Not_A_Namespace", "namespace" },
        { "header_name", "x-bad header", "header_name" },
        { "header_name", "x-colon:", "header_name" },
        { "header_value", "a\r\nInjected: yes", "header_value" },
        { "ingress_host", "bad host", "ingress_host" },
        { "ingress_host", "host/with/path", "ingress_host" },
        { "ingress_port", 0, "ingress_port 0 is not between 1 and 65535" },
        { "ingress_port", 65536, "ingress_port 65536 is not between 1 and 65535" },
        { "ingress_port", null, "ingress_port is required" },
        { "ingress_tls", null, "ingress_tls is required" },
        { "ingress_l5_host", "with space", "ingress_l5_host" },
    };

    [HubFact]
    public async Task Every_bad_field_gets_its_own_clear_400()
    {
        await using var hub = await StartHubAsync();
        var (_, laptop) = await hub.OwnerAsync();

        foreach (var row in BadFields)
        {
            var (field, value, expected) = ((string)row[0], (JsonNode?)row[1], (string)row[2]);
            var body = PreviewScenarios.Body(8080);
            body[field] = value?.DeepClone();

            var response = await laptop.PostAsJsonAsync("/api/previews", body);
            var error = await response.Content.ReadFromJsonAsync<JsonElement>();

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{field} = {value?.ToJsonString()}: {(int)response.StatusCode}");
            Assert.Equal("invalid_request", error.GetProperty("error").GetString());
            Assert.Contains(expected, error.GetProperty("error_description").GetString());
        }

        Assert.Empty(await laptop.MineAsync());
    }

    [HubFact]
    public async Task A_body_that_is_not_json_is_a_clear_400()
    {
        await using var hub = await StartHubAsync();
        var (_, laptop) = await hub.OwnerAsync();

        var response = await laptop.PostAsync("/api/previews", new StringContent("{\"ingress_port\": \"eighty\"}", System.Text.Encoding.UTF8, "application/json"));
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("ingress_port", error.GetProperty("error_description").GetString());
    }

    [HubFact]
    public async Task Without_a_token_nothing_is_made()
    {
        await using var hub = await StartHubAsync();
        await hub.OwnerAsync();
        using var anonymous = hub.Api();

        var response = await anonymous.PostAsJsonAsync("/api/previews", PreviewScenarios.Body(8080));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [HubFact]
    public async Task A_preview_whose_laptop_stops_listing_ends_after_the_lease()
    {
        await using var hub = await StartHubAsync(time: _time);
        var (_, laptop) = await hub.OwnerAsync();
        var id = (await laptop.CreatePreviewAsync(8080)).GetProperty("id").GetString()!;

        _time.Advance(PreviewLease.Duration - TimeSpan.FromSeconds(1));
        var renewed = await laptop.MineAsync();
        _time.Advance(PreviewLease.Duration - TimeSpan.FromSeconds(1));
        var stillThere = await laptop.MineAsync();
        _time.Advance(PreviewLease.Duration + TimeSpan.FromSeconds(1));
        var gone = await laptop.MineAsync();

        Assert.Equal([id], renewed);
        Assert.Equal([id], stillThere);
        Assert.Empty(gone);
    }

    [HubFact]
    public async Task Only_the_owner_deletes_a_preview_and_then_it_is_no_longer_listed()
    {
        await using var hub = await StartHubAsync();
        var (adminA, adminB) = await hub.TwoOrganisationsAsync();
        using var laptop = hub.Api(await adminA.CreateApiKeyAsync());
        using var colleague = await hub.AcceptInvitationAsync(await adminA.InviteAsync("carol@a.example"));
        using var colleagueLaptop = hub.Api(await colleague.CreateApiKeyAsync());
        using var otherOrganisation = hub.Api(await adminB.CreateApiKeyAsync());
        var id = (await laptop.CreatePreviewAsync(8080)).GetProperty("id").GetString()!;

        var byColleague = await colleagueLaptop.DeleteAsync($"/api/previews/{id}");
        var byOtherOrganisation = await otherOrganisation.DeleteAsync($"/api/previews/{id}");
        var stillListed = await laptop.MineAsync();
        var byOwner = await laptop.DeleteAsync($"/api/previews/{id}");
        var again = await laptop.DeleteAsync($"/api/previews/{id}");

        Assert.Equal(HttpStatusCode.NotFound, byColleague.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byOtherOrganisation.StatusCode);
        Assert.Equal([id], stillListed);
        Assert.Equal(HttpStatusCode.NoContent, byOwner.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Empty(await laptop.MineAsync());
    }

    [HubFact]
    public async Task Mine_lists_only_the_callers_previews()
    {
        await using var hub = await StartHubAsync();
        var (adminA, _) = await hub.TwoOrganisationsAsync();
        using var laptop = hub.Api(await adminA.CreateApiKeyAsync());
        using var colleague = await hub.AcceptInvitationAsync(await adminA.InviteAsync("carol@a.example"));
        using var colleagueLaptop = hub.Api(await colleague.CreateApiKeyAsync());
        var mine = (await laptop.CreatePreviewAsync(8080)).GetProperty("id").GetString()!;
        await colleagueLaptop.CreatePreviewAsync(8081);

        Assert.Equal([mine], await laptop.MineAsync());
    }
}

public sealed class PreviewApiTestsOnSqlite() : PreviewApiTests(HubDatabaseKind.Sqlite);

[OnPostgres]
public sealed class PreviewApiTestsOnPostgres() : PreviewApiTests(HubDatabaseKind.Postgres);
