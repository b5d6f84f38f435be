using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Telepath.Hub.Tests.Infrastructure;
using Telepath.Testing.Polling;

namespace Telepath.Hub.Tests.Cli;

/// <summary>
/// <c>telepath login</c>, <c>logout</c> and <c>dashboard</c>, the real executable against a real
/// hub: the device code it prints is approved on the hub's page as a person would.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public abstract partial class CliLoginTests(HubDatabaseKind database) : HubTestBase(database)
{
    [HubFact]
    public async Task Device_login_waits_for_approval_and_keeps_a_private_credential_that_logout_revokes()
    {
        await using var hub = await StartHubAsync();
        using var admin = await hub.SetUpAdminAsync();
        await using var laptop = new CliLaptop();
        var hubUrl = hub.BaseAddress.GetLeftPart(UriPartial.Authority);

        await using var login = laptop.Start("login", "--hub", hubUrl);
        var code = (await login.WaitForLineAsync(CodeLine(), Poll.Limit)).Groups[1].Value;
        await ApproveAsync(admin, code);
        var exit = await login.WaitForExitAsync(Poll.Limit);
        var credentials = JsonDocument.Parse(await File.ReadAllTextAsync(laptop.CredentialsPath)).RootElement;
        var token = credentials.GetProperty("token").GetString()!;
        var mode = File.GetUnixFileMode(laptop.CredentialsPath);
        var beforeLogout = await MeStatusAsync(hub, token);
        var again = await laptop.RunAsync("login");
        var logout = await laptop.RunAsync("logout");
        var afterLogout = await MeStatusAsync(hub, token);

        Assert.Equal(0, exit);
        Assert.Contains($"To sign in, open {hubUrl}/device and enter the code {code}", login.Output);
        Assert.Contains($"Logged in to {hubUrl}/ as {HubScenarios.AdminEmail} (organisation {HubScenarios.OrganisationA})", login.Output);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
        Assert.Equal(HubScenarios.AdminEmail, credentials.GetProperty("user").GetString());
        Assert.Equal(HttpStatusCode.OK, beforeLogout);
        Assert.Equal($"Already logged in to {hubUrl}/ as {HubScenarios.AdminEmail} (organisation {HubScenarios.OrganisationA}); \"telepath logout\" signs out\n", again.Stdout);
        Assert.Equal((0, $"Logged out of {hubUrl}/\n"), (logout.ExitCode, logout.Stdout));
        Assert.Equal(HttpStatusCode.Unauthorized, afterLogout);
        Assert.False(File.Exists(laptop.CredentialsPath));
    }

    [HubFact]
    public async Task A_denied_login_says_so_and_stores_nothing()
    {
        await using var hub = await StartHubAsync();
        using var admin = await hub.SetUpAdminAsync();
        await using var laptop = new CliLaptop();

        await using var login = laptop.Start("login", "--hub", hub.BaseAddress.ToString());
        var code = (await login.WaitForLineAsync(CodeLine(), Poll.Limit)).Groups[1].Value;
        await DecideAsync(admin, code, "deny");
        var exit = await login.WaitForExitAsync(Poll.Limit);

        Assert.Equal(1, exit);
        Assert.Contains($"telepath: the sign-in was denied at {hub.BaseAddress.GetLeftPart(UriPartial.Authority)}/", login.Output);
        Assert.False(File.Exists(laptop.CredentialsPath));
    }

    [HubFact]
    public async Task An_api_key_logs_in_without_a_browser_and_a_revoked_one_is_refused_in_one_line()
    {
        await using var hub = await StartHubAsync();
        using var admin = await hub.SetUpAdminAsync();
        var key = await admin.CreateApiKeyAsync("ci");
        await using var laptop = new CliLaptop();
        var hubUrl = hub.BaseAddress.GetLeftPart(UriPartial.Authority);

        var login = await laptop.RunAsync("login", "--hub", hubUrl, "--api-key", key);
        await using var stranger = new CliLaptop();
        var wrong = await stranger.RunAsync("login", "--hub", hubUrl, "--api-key", "tph_not-a-key");

        Assert.Equal((0, $"Logged in to {hubUrl}/ as {HubScenarios.AdminEmail} (organisation {HubScenarios.OrganisationA})\n"), (login.ExitCode, login.Stdout));
        Assert.Equal(1, wrong.ExitCode);
        Assert.Equal($"telepath: the hub at {hubUrl}/ no longer accepts this login (revoked or expired); run \"telepath login\"\n", wrong.Stderr);
    }

    [HubFact]
    public async Task Login_with_org_preselects_it_and_login_and_status_print_it()
    {
        await using var hub = await StartHubAsync();
        var (person, _) = await hub.PersonInTwoOrganisationsAsync();
        await using var laptop = new CliLaptop();
        var hubUrl = hub.BaseAddress.GetLeftPart(UriPartial.Authority);

        await using var login = laptop.Start("login", "--hub", hubUrl, "--org", OrganisationChoices.OrganisationB);
        var code = (await login.WaitForLineAsync(CodeLine(), Poll.Limit)).Groups[1].Value;
        var confirm = await person.LookUpDeviceCodeAsync(code);
        await person.ApproveDeviceCodeInAsync(confirm, OrganisationChoices.OrganisationB);
        var exit = await login.WaitForExitAsync(Poll.Limit);
        var credentials = JsonDocument.Parse(await File.ReadAllTextAsync(laptop.CredentialsPath)).RootElement;
        var status = await laptop.RunAsync("status");
        var statusJson = JsonDocument.Parse((await laptop.RunAsync("status", "--output", "json")).Stdout).RootElement;

        Assert.Equal([OrganisationChoices.OrganisationB], confirm.Offered().Where(o => o.Selected).Select(o => o.Name));
        Assert.Equal(0, exit);
        Assert.Contains($"Logged in to {hubUrl}/ as {HubScenarios.AdminEmail} (organisation {OrganisationChoices.OrganisationB})", login.Output);
        Assert.Equal(OrganisationChoices.OrganisationB, credentials.GetProperty("organisation").GetString());
        Assert.Equal($"Daemon: Not running\nHub: {hubUrl}/ as {HubScenarios.AdminEmail} (organisation {OrganisationChoices.OrganisationB})\n", status.Stdout);
        Assert.Equal(OrganisationChoices.OrganisationB, statusJson.GetProperty("hub").GetProperty("organisation").GetString());
        Assert.Equal($"{hubUrl}/", statusJson.GetProperty("hub").GetProperty("url").GetString());
    }

    [HubFact]
    public async Task Login_with_another_org_signs_in_again_and_revokes_the_replaced_login()
    {
        await using var hub = await StartHubAsync();
        var (person, _) = await hub.PersonInTwoOrganisationsAsync();
        await using var laptop = new CliLaptop();
        var hubUrl = hub.BaseAddress.GetLeftPart(UriPartial.Authority);
        await LogInAsync(laptop, person, hubUrl, HubScenarios.OrganisationA);
        var first = JsonDocument.Parse(await File.ReadAllTextAsync(laptop.CredentialsPath)).RootElement.GetProperty("token").GetString()!;

        var same = await laptop.RunAsync("login", "--org", "org a");
        await LogInAsync(laptop, person, hubUrl, OrganisationChoices.OrganisationB);
        var second = JsonDocument.Parse(await File.ReadAllTextAsync(laptop.CredentialsPath)).RootElement;

        Assert.StartsWith("Already logged in", same.Stdout);
        Assert.Equal(OrganisationChoices.OrganisationB, second.GetProperty("organisation").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatusAsync(hub, first));
        Assert.Equal(HttpStatusCode.OK, await MeStatusAsync(hub, second.GetProperty("token").GetString()!));
    }

    [HubFact]
    public async Task Dashboard_prints_the_logged_in_hubs_dashboard()
    {
        await using var hub = await StartHubAsync();
        using var admin = await hub.SetUpAdminAsync();
        await using var laptop = new CliLaptop();
        var hubUrl = hub.BaseAddress.GetLeftPart(UriPartial.Authority);
        await laptop.RunAsync("login", "--hub", hubUrl, "--api-key", await admin.CreateApiKeyAsync());

        var dashboard = await laptop.RunAsync("dashboard");

        Assert.Equal($"Dashboard: {hubUrl}/dashboard\n", dashboard.Stdout);
    }

    private static async Task LogInAsync(CliLaptop laptop, HubBrowser person, string hubUrl, string organisation)
    {
        await using var login = laptop.Start("login", "--hub", hubUrl, "--org", organisation);
        var code = (await login.WaitForLineAsync(CodeLine(), Poll.Limit)).Groups[1].Value;
        await person.ApproveDeviceCodeInAsync(await person.LookUpDeviceCodeAsync(code), organisation);
        var exit = await login.WaitForExitAsync(Poll.Limit);
        Assert.Equal(0, exit);
    }

    private static async Task ApproveAsync(HubBrowser person, string code) => await DecideAsync(person, code, "approve");

    private static async Task DecideAsync(HubBrowser person, string code, string decision)
    {
        var decided = await person.DecideDeviceCodeAsync(await person.LookUpDeviceCodeAsync(code), decision);
        Assert.Equal(HttpStatusCode.OK, decided.Status);
    }

    private static async Task<HttpStatusCode> MeStatusAsync(TestHub hub, string token)
    {
        using var client = hub.Api(token);
        using var response = await client.GetAsync("/api/cli/me");
        return response.StatusCode;
    }

    [GeneratedRegex("enter the code ([A-Z]{4}-[A-Z]{4})")]
    private static partial Regex CodeLine();
}

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CliLoginTestsOnSqlite() : CliLoginTests(HubDatabaseKind.Sqlite);
