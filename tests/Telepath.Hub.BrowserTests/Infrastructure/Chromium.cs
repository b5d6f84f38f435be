using Microsoft.Playwright;

namespace Telepath.Hub.BrowserTests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright's own driver (shipped in its NuGet package: nothing is downloaded), headless,
/// with a new empty profile per test. Chromium resolves `*.localhost` to loopback by itself, so preview hosts work.
/// </summary>
public sealed class Chromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] s_arguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-proxy-server",
    ];

    private readonly IPlaywright _playwright;
    private readonly string _profile;

    private Chromium(IPlaywright playwright, IBrowserContext context, string profile)
    {
        _playwright = playwright;
        Context = context;
        _profile = profile;
    }

    public IBrowserContext Context { get; }

    public static async Task<Chromium> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var profile = Directory.CreateTempSubdirectory("telepath-chromium-").FullName;
        var context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = s_arguments,
            ViewportSize = new ViewportSize { Width = 1280, Height = 720 },
            Timeout = 60_000,
        });
        // A ceiling, not a wait: steps go on as soon as the page is there. CI's 2 cores under a full
        // test run have taken over 15 s for the sign-in's redirect chain.
        context.SetDefaultTimeout(60_000);
        return new Chromium(playwright, context, profile);
    }

    /// <summary>The one open tab (a persistent context starts with one).</summary>
    public async Task<IPage> PageAsync() => Context.Pages.Count > 0 ? Context.Pages[0] : await Context.NewPageAsync();

    /// <summary>Another person at the same computer: no cookies of the last one.</summary>
    public Task ForgetEveryoneAsync() => Context.ClearCookiesAsync();

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        _playwright.Dispose();
        Directory.Delete(_profile, recursive: true);
    }
}
