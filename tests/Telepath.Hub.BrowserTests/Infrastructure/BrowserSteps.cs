using Microsoft.Playwright;
using Telepath.Hub.Tests.Infrastructure;
using Telepath.Testing.Polling;

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
        // when the browser has left the sign-in page and the document it landed on is complete. Both are
        // read from the page itself, not from Playwright's load-state events: its wait for a URL the page
        // already has waits for the next "load" event, and CI twice saw it miss that and wait 60 s.
        await Poll.UntilAsync(() => LandedAsync(page), () => page.Url);
    }

    private static async Task<bool> LandedAsync(IPage page)
    {
        if (page.Url.Contains("/signin", StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            return await page.EvaluateAsync<string>("document.readyState") == "complete";
        }
        catch (PlaywrightException)
        {
            // The next page of the chain replaced the document while it was asked.
            return false;
        }
    }

    public static async Task SignInAsync(this IPage page, TestHub hub, string email)
    {
        await page.GotoAsync(new Uri(hub.BaseAddress, "/signin").ToString());
        await page.SignInHereAsync(email);
    }
}
