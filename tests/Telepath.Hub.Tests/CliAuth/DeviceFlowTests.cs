using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Telepath.Hub.Pages;
using Telepath.Hub.Tests.Infrastructure;

namespace Telepath.Hub.Tests.CliAuth;

/// <summary>RFC 8628 end to end. The hub's clock is a fake one, so the polling interval and expiry take no real time.</summary>
public abstract class DeviceFlowTests(HubDatabaseKind database) : HubTestBase(database)
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    [HubFact]
    public async Task Start_returns_the_rfc_8628_fields()
    {
        await using var hub = await StartHubAsync(time: _time);

        var start = await new DeviceFlowClient(hub).StartAsync();

        var userCode = start.GetProperty("user_code").GetString()!;
        Assert.Matches("^[BCDFGHJKMNPQRSTVWXZ]{4}-[BCDFGHJKMNPQRSTVWXZ]{4}$", userCode);
        Assert.True(start.GetProperty("device_code").GetString()!.Length >= 40);
        Assert.Equal($"{hub.BaseAddress.GetLeftPart(UriPartial.Authority)}/device", start.GetProperty("verification_uri").GetString());
        Assert.EndsWith($"/device?user_code={userCode}", start.GetProperty("verification_uri_complete").GetString());
        Assert.Equal(600, start.GetProperty("expires_in").GetInt32());
        Assert.Equal(5, start.GetProperty("interval").GetInt32());
    }

    [HubFact]
    public async Task Pending_then_approved_gives_a_token_once_that_acts_as_the_approver()
    {
        await using var hub = await StartHubAsync(time: _time);
        using var admin = await hub.SetUpAdminAsync();
        var cli = new DeviceFlowClient(hub);
        var start = await cli.StartAsync();
        var deviceCode = start.GetProperty("device_code").GetString()!;

        var pending = await cli.PollAsync(deviceCode);
        var confirm = await admin.LookUpDeviceCodeAsync(start.GetProperty("user_code").GetString()!);
        var approved = await admin.DecideDeviceCodeAsync(confirm, "approve");
        _time.Advance(TimeSpan.FromSeconds(5));
        var issued = await cli.PollAsync(deviceCode);
        _time.Advance(TimeSpan.FromSeconds(5));
        var again = await cli.PollAsync(deviceCode);
        var me = await MeAsync(hub, issued.AccessToken!);

        Assert.Equal((HttpStatusCode.BadRequest, "authorization_pending"), (pending.Status, pending.Error));
        Assert.Contains("telepath on laptop", confirm.Html);
        Assert.Contains("Approved", approved.Html);
        Assert.Equal(HttpStatusCode.OK, issued.Status);
        Assert.StartsWith("tph_", issued.AccessToken);
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), (again.Status, again.Error));
        Assert.Equal(HubScenarios.AdminEmail, me.GetProperty("email").GetString());
        Assert.Equal(HubScenarios.OrganisationA, me.GetProperty("organisation").GetString());
        Assert.Equal("CliLogin", me.GetProperty("token_kind").GetString());
    }

    [HubFact]
    public async Task Polling_faster_than_the_interval_is_told_to_slow_down()
    {
        await using var hub = await StartHubAsync(time: _time);
        var cli = new DeviceFlowClient(hub);
        var deviceCode = (await cli.StartAsync()).GetProperty("device_code").GetString()!;

        var first = await cli.PollAsync(deviceCode);
        var tooSoon = await cli.PollAsync(deviceCode);
        _time.Advance(TimeSpan.FromSeconds(6));
        var stillTooSoon = await cli.PollAsync(deviceCode);
        _time.Advance(TimeSpan.FromSeconds(15));
        var patient = await cli.PollAsync(deviceCode);

        Assert.Equal("authorization_pending", first.Error);
        Assert.Equal("slow_down", tooSoon.Error);
        // The first slow_down raised the interval to 10 s, so 6 s is now too soon; that one raised it to 15 s.
        Assert.Equal("slow_down", stillTooSoon.Error);
        Assert.Equal("authorization_pending", patient.Error);
    }

    [HubFact]
    public async Task Denied_gives_access_denied_and_no_token()
    {
        await using var hub = await StartHubAsync(time: _time);
        using var admin = await hub.SetUpAdminAsync();
        var cli = new DeviceFlowClient(hub);
        var start = await cli.StartAsync();

        var denied = await admin.DecideDeviceCodeAsync(await admin.LookUpDeviceCodeAsync(start.GetProperty("user_code").GetString()!), "deny");
        var poll = await cli.PollAsync(start.GetProperty("device_code").GetString()!);

        Assert.Contains("Denied", denied.Html);
        Assert.Equal((HttpStatusCode.BadRequest, "access_denied", null), (poll.Status, poll.Error, poll.AccessToken));
    }

    [HubFact]
    public async Task An_expired_code_gives_expired_token_and_cannot_be_approved()
    {
        await using var hub = await StartHubAsync(time: _time);
        using var admin = await hub.SetUpAdminAsync();
        var cli = new DeviceFlowClient(hub);
        var start = await cli.StartAsync();

        _time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        var poll = await cli.PollAsync(start.GetProperty("device_code").GetString()!);
        var lookUp = await admin.LookUpDeviceCodeAsync(start.GetProperty("user_code").GetString()!);

        Assert.Equal("expired_token", poll.Error);
        Assert.True(lookUp.Contains(DeviceModel.UnknownCode));
    }

    [HubFact]
    public async Task An_unknown_device_code_or_grant_type_is_refused()
    {
        await using var hub = await StartHubAsync(time: _time);
        using var client = hub.Api();

        var unknown = await new DeviceFlowClient(hub).PollAsync("no-such-code");
        var wrongGrant = await client.PostAsync("/api/cli/token", JsonContent.Create(new { grant_type = "password", device_code = "x" }));

        Assert.Equal("invalid_grant", unknown.Error);
        Assert.Equal(HttpStatusCode.BadRequest, wrongGrant.StatusCode);
        Assert.Equal("unsupported_grant_type", (await wrongGrant.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [HubFact]
    public async Task The_cli_logs_out_by_revoking_its_token_which_then_fails_at_once()
    {
        await using var hub = await StartHubAsync(time: _time);
        using var admin = await hub.SetUpAdminAsync();
        var token = await LogInAsync(hub, admin);
        using var client = hub.Api(token);

        var revoke = await client.PostAsync("/api/cli/revoke", null);
        var after = await client.GetAsync("/api/cli/me");

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [HubFact]
    public async Task The_device_page_needs_a_session()
    {
        await using var hub = await StartHubAsync(time: _time);
        using var browser = hub.Browser();

        var page = await browser.GetAsync("/device?user_code=BCDF-GHJK");

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.Contains("/signin", page.Location);
    }

    private async Task<string> LogInAsync(TestHub hub, HubBrowser person)
    {
        var cli = new DeviceFlowClient(hub);
        var start = await cli.StartAsync();
        await person.DecideDeviceCodeAsync(await person.LookUpDeviceCodeAsync(start.GetProperty("user_code").GetString()!), "approve");
        return (await cli.PollAsync(start.GetProperty("device_code").GetString()!)).AccessToken!;
    }

    private static async Task<JsonElement> MeAsync(TestHub hub, string token)
    {
        using var client = hub.Api(token);
        using var response = await client.GetAsync("/api/cli/me");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}

public sealed class DeviceFlowTestsOnSqlite() : DeviceFlowTests(HubDatabaseKind.Sqlite);

[OnPostgres]
public sealed class DeviceFlowTestsOnPostgres() : DeviceFlowTests(HubDatabaseKind.Postgres);
