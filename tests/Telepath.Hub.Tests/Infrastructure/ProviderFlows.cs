using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Telepath.Hub.Data;

namespace Telepath.Hub.Tests.Infrastructure;

/// <summary>
/// A browser's trip to an external provider and back, one redirect at a time across the hub and the provider,
/// with the browser's cookie jar; and what the trip left on the hub's accounts.
/// </summary>
public static class ProviderFlows
{
    /// <summary>"Sign in with …" on the sign-in page; returns the page the trip ends on.</summary>
    public static async Task<HubPage> SignInWithProviderAsync(this HubBrowser browser) =>
        await browser.FollowAsync(await browser.SubmitAsync("/signin", new Dictionary<string, string>(), "/signin?handler=Oidc"));

    /// <summary>"Link …" under Settings → Sign-in methods, as the signed-in person.</summary>
    public static async Task<HubPage> LinkProviderAsync(this HubBrowser browser, string scheme = "oidc") =>
        await browser.FollowAsync(await browser.SubmitAsync(
            "/settings/sign-in-methods", new Dictionary<string, string> { ["provider"] = scheme }, "/settings/sign-in-methods?handler=Link"));

    /// <summary>Follows redirects (relative ones are the hub's); stops at the first page that is not one.</summary>
    public static async Task<HubPage> FollowAsync(this HubBrowser browser, HubPage page)
    {
        for (var hops = 0; page.Status is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther; hops++)
        {
            Assert.True(hops < 10, $"a redirect loop, at {page.Location}");
            page = await browser.GetAsync(page.Location!);
        }

        return page;
    }

    /// <summary>Whether the browser has a session: the home page answers instead of sending it to sign in.</summary>
    public static async Task<bool> IsSignedInAsync(this HubBrowser browser) => (await browser.GetAsync("/")).Status == HttpStatusCode.OK;

    /// <summary>The external logins of the account with this email, or null when there is no such account.</summary>
    public static async Task<IList<UserLoginInfo>?> LoginsOfAsync(this TestHub hub, string email)
    {
        await using var scope = hub.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HubUser>>();
        return await users.FindByEmailAsync(email) is { } user ? await users.GetLoginsAsync(user) : null;
    }
}
