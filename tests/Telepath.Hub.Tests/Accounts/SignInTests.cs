using System.Net;
using Telepath.Hub.Pages;
using Telepath.Hub.Tests.Infrastructure;

namespace Telepath.Hub.Tests.Accounts;

public abstract class SignInTests(HubDatabaseKind database) : HubTestBase(database)
{
    [HubFact]
    public async Task Right_password_signs_in_and_goes_to_the_return_url()
    {
        await using var hub = await StartHubAsync();
        (await hub.SetUpAdminAsync()).Dispose();
        using var browser = hub.Browser();

        var result = await browser.SubmitAsync("/signin?ReturnUrl=%2Fsettings%2Fapi-keys", new Dictionary<string, string>
        {
            ["Email"] = HubScenarios.AdminEmail,
            ["Password"] = Password,
            ["ReturnUrl"] = "/settings/api-keys",
        });
        var keys = await browser.GetAsync("/settings/api-keys");

        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        Assert.Equal("/settings/api-keys", result.Location);
        Assert.Equal(HttpStatusCode.OK, keys.Status);
    }

    [HubFact]
    public async Task A_return_url_to_another_site_goes_home_instead()
    {
        await using var hub = await StartHubAsync();
        (await hub.SetUpAdminAsync()).Dispose();
        using var browser = hub.Browser();

        var result = await browser.SubmitAsync("/signin", new Dictionary<string, string>
        {
            ["Email"] = HubScenarios.AdminEmail,
            ["Password"] = Password,
            ["ReturnUrl"] = "https://evil.example/",
        });

        Assert.Equal("/", result.Location);
    }

    [HubFact]
    public async Task Wrong_password_is_refused_and_no_session_is_given()
    {
        await using var hub = await StartHubAsync();
        (await hub.SetUpAdminAsync()).Dispose();
        using var browser = hub.Browser();

        var result = await browser.SignInAsync(HubScenarios.AdminEmail, "wrong password!!");
        var home = await browser.GetAsync("/");

        Assert.Equal(HttpStatusCode.Unauthorized, result.Status);
        Assert.True(result.Contains(SignInModel.WrongCredentials));
        Assert.Equal(HttpStatusCode.Redirect, home.Status);
        Assert.StartsWith("/signin", new Uri(hub.BaseAddress, home.Location).PathAndQuery);
    }

    [HubFact]
    public async Task Five_failures_lock_the_account_even_against_the_right_password()
    {
        await using var hub = await StartHubAsync();
        (await hub.SetUpAdminAsync()).Dispose();
        using var browser = hub.Browser();

        for (var attempt = 0; attempt < 5; attempt++)
        {
            await browser.SignInAsync(HubScenarios.AdminEmail, "wrong password!!");
        }

        var right = await browser.SignInAsync(HubScenarios.AdminEmail);

        Assert.Equal(HttpStatusCode.Unauthorized, right.Status);
        Assert.True(right.Contains(SignInModel.LockedOut), right.Html);
    }

    [HubFact]
    public async Task Four_failures_do_not_lock()
    {
        await using var hub = await StartHubAsync();
        (await hub.SetUpAdminAsync()).Dispose();
        using var browser = hub.Browser();

        for (var attempt = 0; attempt < 4; attempt++)
        {
            await browser.SignInAsync(HubScenarios.AdminEmail, "wrong password!!");
        }

        var right = await browser.SignInAsync(HubScenarios.AdminEmail);

        Assert.Equal(HttpStatusCode.Redirect, right.Status);
    }

    [HubFact]
    public async Task Sign_out_ends_the_session()
    {
        await using var hub = await StartHubAsync();
        using var admin = await hub.SetUpAdminAsync();

        var result = await admin.SubmitAsync("/", new Dictionary<string, string>(), "/signout");
        var home = await admin.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        Assert.Equal(HttpStatusCode.Redirect, home.Status);
    }

    [HubFact]
    public async Task Pages_other_than_sign_in_need_a_session()
    {
        await using var hub = await StartHubAsync();
        using var browser = hub.Browser();

        foreach (var path in new[] { "/", "/admin/members", "/settings/api-keys", "/device", "/admin/organisations" })
        {
            var page = await browser.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, page.Status);
            Assert.Contains("/signin", page.Location);
        }
    }
}

public sealed class SignInTestsOnSqlite() : SignInTests(HubDatabaseKind.Sqlite);

[OnPostgres]
public sealed class SignInTestsOnPostgres() : SignInTests(HubDatabaseKind.Postgres);
