using Microsoft.Playwright;
using Telepath.Testing.Files;

namespace Telepath.Hub.BrowserTests.Infrastructure;

/// <summary>Screenshots for people to look at, in `artifacts/screenshots/` of the checkout.</summary>
public static class Screenshots
{
    public static async Task SaveAsync(IPage page, string name)
    {
        var folder = Path.Combine(Repository.Root, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name), FullPage = true });
    }
}
