using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using Telepath.Hub.Previews;
using Telepath.Hub.Tests.Infrastructure;

namespace Telepath.Hub.Tests.Dashboard;

/// <summary>The dashboard's JSON: the organisation's previews only, and switches that only their owner may use, with the CSRF header.</summary>
public abstract class DashboardApiTests(HubDatabaseKind database) : HubTestBase(database)
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    [HubFact]
    public async Task The_dashboard_lists_the_organisations_previews_only()
    {
        await using var hub = await StartHubAsync();
        var (adminA, adminB) = await hub.TwoOrganisationsAsync();
        using var laptopA = hub.Api(await adminA.CreateApiKeyAsync());
        using var laptopB = hub.Api(await adminB.CreateApiKeyAsync());
        var idA = (await laptopA.CreatePreviewAsync(8080)).GetProperty("id").GetString();
        var idB = (await laptopB.CreatePreviewAsync(8081, isPublic: true)).GetProperty("id").GetString();

        var seenByA = await adminA.Client.GetFromJsonAsync<JsonElement>("/api/dashboard/previews");
        var seenByB = await adminB.Client.GetFromJsonAsync<JsonElement>("/api/dashboard/previews");

        var rowA = Assert.Single(seenByA.EnumerateArray());
        Assert.Equal(idA, rowA.GetProperty("id").GetString());
        Assert.Equal("orders", rowA.GetProperty("workload").GetString());
        Assert.Equal("default", rowA.GetProperty("namespace").GetString());
        Assert.Equal(HubScenarios.AdminEmail, rowA.GetProperty("owner").GetString());
        Assert.Equal("active", rowA.GetProperty("state").GetString());
        Assert.Equal("private", rowA.GetProperty("visibility").GetString());
        Assert.True(rowA.GetProperty("mine").GetBoolean());
        Assert.Equal(idB, Assert.Single(seenByB.EnumerateArray()).GetProperty("id").GetString());
    }

    [HubFact]
    public async Task Each_preview_shows_how_many_requests_it_carried_and_when_the_last_came()
    {
        await using var hub = await StartHubAsync(time: _time);
        await using var ingress = await LoopbackIngress.StartAsync();
        var (owner, laptop) = await hub.OwnerAsync();
        var used = await laptop.CreatePreviewAsync(ingress.Port, isPublic: true);
        var unused = (await laptop.CreatePreviewAsync(ingress.Port, isPublic: true)).GetProperty("id").GetString();
        using var visitor = new PreviewVisitor(hub.BaseAddress);

        var before = await owner.Client.GetFromJsonAsync<JsonElement>("/api/dashboard/previews");
        await visitor.GetAsync(used.GetProperty("url").GetString() + "one");
        _time.Advance(TimeSpan.FromSeconds(7));
        var lastAt = _time.GetUtcNow();
        await visitor.GetAsync(used.GetProperty("url").GetString() + "two");
        var after = await owner.Client.GetFromJsonAsync<JsonElement>("/api/dashboard/previews");

        Assert.All(before.EnumerateArray(), row => Assert.Equal(0, row.GetProperty("requests").GetInt64()));
        Assert.All(before.EnumerateArray(), row => Assert.Equal(JsonValueKind.Null, row.GetProperty("last_request_at").ValueKind));
        var row = after.EnumerateArray().Single(r => r.GetProperty("id").GetString() == used.GetProperty("id").GetString());
        Assert.Equal(2, row.GetProperty("requests").GetInt64());
        Assert.Equal(lastAt, row.GetProperty("last_request_at").GetDateTimeOffset());
        Assert.Equal(0, after.EnumerateArray().Single(r => r.GetProperty("id").GetString() == unused).GetProperty("requests").GetInt64());
    }

    [HubFact]
    public async Task A_preview_whose_laptop_is_quiet_shows_laptop_gone_then_disappears()
    {
        await using var hub = await StartHubAsync(time: _time);
        var (owner, laptop) = await hub.OwnerAsync();
        await laptop.CreatePreviewAsync(8080);

        _time.Advance(PreviewLease.Quiet + TimeSpan.FromSeconds(1));
        var quiet = await owner.Client.GetFromJsonAsync<JsonElement>("/api/dashboard/previews");
        _time.Advance(PreviewLease.Duration);
        var later = await owner.Client.GetFromJsonAsync<JsonElement>("/api/dashboard/previews");

        Assert.Equal("laptop gone", Assert.Single(quiet.EnumerateArray()).GetProperty("state").GetString());
        Assert.Equal(0, later.GetArrayLength());
    }

    [HubFact]
    public async Task The_owner_switches_visibility_and_deletes_with_the_csrf_header_only()
    {
        await using var hub = await StartHubAsync();
        var (owner, laptop) = await hub.OwnerAsync();
        var id = (await laptop.CreatePreviewAsync(8080)).GetProperty("id").GetString();
        var token = await owner.CsrfTokenAsync();

        var switchWithout = await owner.Client.PostAsJsonAsync($"/api/dashboard/previews/{id}/visibility", new { @public = true });
        var switchWith = await owner.SendWithCsrfAsync(HttpMethod.Post, $"/api/dashboard/previews/{id}/visibility", token, new { @public = true });
        var visibility = (await laptop.GetFromJsonAsync<JsonElement>("/api/previews/mine"))[0].GetProperty("visibility").GetString();
        var deleteWithout = await owner.Client.DeleteAsync($"/api/dashboard/previews/{id}");
        var stillThere = await laptop.MineAsync();
        var deleteWith = await owner.SendWithCsrfAsync(HttpMethod.Delete, $"/api/dashboard/previews/{id}", token);

        Assert.Equal(HttpStatusCode.BadRequest, switchWithout.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, switchWith.StatusCode);
        Assert.Equal("public", visibility);
        Assert.Equal(HttpStatusCode.BadRequest, deleteWithout.StatusCode);
        Assert.Single(stillThere);
        Assert.Equal(HttpStatusCode.NoContent, deleteWith.StatusCode);
        Assert.Empty(await laptop.MineAsync());
    }

    [HubFact]
    public async Task A_colleague_is_forbidden_and_another_organisation_finds_nothing()
    {
        await using var hub = await StartHubAsync();
        var (adminA, adminB) = await hub.TwoOrganisationsAsync();
        using var laptop = hub.Api(await adminA.CreateApiKeyAsync());
        using var carol = await hub.AcceptInvitationAsync(await adminA.InviteAsync("carol@a.example"));
        var id = (await laptop.CreatePreviewAsync(8080)).GetProperty("id").GetString();
        var carolsToken = await carol.CsrfTokenAsync();
        var bobsToken = await adminB.CsrfTokenAsync();

        var carolSees = await carol.Client.GetFromJsonAsync<JsonElement>("/api/dashboard/previews");
        var carolSwitches = await carol.SendWithCsrfAsync(HttpMethod.Post, $"/api/dashboard/previews/{id}/visibility", carolsToken, new { @public = true });
        var carolDeletes = await carol.SendWithCsrfAsync(HttpMethod.Delete, $"/api/dashboard/previews/{id}", carolsToken);
        var bobSwitches = await adminB.SendWithCsrfAsync(HttpMethod.Post, $"/api/dashboard/previews/{id}/visibility", bobsToken, new { @public = true });
        var bobDeletes = await adminB.SendWithCsrfAsync(HttpMethod.Delete, $"/api/dashboard/previews/{id}", bobsToken);

        Assert.False(Assert.Single(carolSees.EnumerateArray()).GetProperty("mine").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, carolSwitches.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, carolDeletes.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, bobSwitches.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, bobDeletes.StatusCode);
        var mine = await laptop.GetFromJsonAsync<JsonElement>("/api/previews/mine");
        Assert.Equal("private", Assert.Single(mine.EnumerateArray()).GetProperty("visibility").GetString());
    }

    [HubFact]
    public async Task The_dashboard_page_is_for_signed_in_people_and_linked_from_home()
    {
        await using var hub = await StartHubAsync();
        using var admin = await hub.SetUpAdminAsync();
        using var anonymous = hub.Browser();

        var page = await admin.GetAsync("/dashboard");
        var home = await admin.GetAsync("/");
        var refused = await anonymous.GetAsync("/dashboard");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("/api/dashboard/previews", page.Html);
        Assert.Contains("href=\"/dashboard\"", home.Html);
        Assert.Equal(HttpStatusCode.Redirect, refused.Status);
        Assert.Contains("/signin", refused.Location);
    }
}

public sealed class DashboardApiTestsOnSqlite() : DashboardApiTests(HubDatabaseKind.Sqlite);

[OnPostgres]
public sealed class DashboardApiTestsOnPostgres() : DashboardApiTests(HubDatabaseKind.Postgres);
