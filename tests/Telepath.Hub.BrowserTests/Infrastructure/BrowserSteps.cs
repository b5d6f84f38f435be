using Microsoft.Playwright;
using Telepath.Hub.Tests.Infrastructure;

namespace Telepath.Hub.BrowserTests.Infrastructure;

/// <summary>What a person does in the browser, step by step.</summary>
public static class BrowserSteps
{
    /// <summary>Fills in the sign-in page the browser is on (wherever it was sent from) and submits it.</summary>
    public static async Task SignInHereAsync(this IPage page, string email, string password = HubTestBase.Password)
    {
        await page.FillAsync("input[name=Email]", email);
        await page.FillAsync("input[name=Password]", password);
        await page.ClickAsync("form button[type=submit]");
        await page.WaitForLoadStateAsync(LoadState.Load);
    }

    public static async Task SignInAsync(this IPage page, TestHub hub, string email)
    {
        await page.GotoAsync(new Uri(hub.BaseAddress, "/signin").ToString());
        await page.SignInHereAsync(email);
    }
}
