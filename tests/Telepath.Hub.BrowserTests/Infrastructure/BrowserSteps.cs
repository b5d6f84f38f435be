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

        // The sign-in answers with a redirect chain (for a preview: hub, hand-off, preview host); done
        // when the browser has left the sign-in page and the page it landed on is loaded. Loaded is asked
        // of the document itself: Playwright's own wait for the load event once missed it in CI (it saw
        // the page's network go idle, which comes after load, and still waited 60 s).
        await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        await page.WaitForFunctionAsync("() => document.readyState === 'complete'");
    }

    public static async Task SignInAsync(this IPage page, TestHub hub, string email)
    {
        await page.GotoAsync(new Uri(hub.BaseAddress, "/signin").ToString());
        await page.SignInHereAsync(email);
    }
}
