using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Telepath.Hub.Tests.Infrastructure;
using Telepath.Testing.Managers;
using Telepath.Testing.Polling;

namespace Telepath.Hub.Tests.Cli;

/// <summary>
/// A logged-in <c>telepath intercept</c> end to end: the real CLI and daemon make a personal intercept
/// at the real manager and a preview at the real hub; the preview URL reaches the laptop through the
/// agent; the dashboard's delete, <c>leave</c> and <c>quit</c> each end the other side too.
/// </summary>
public abstract partial class PreviewInterceptTests(HubDatabaseKind database) : HubTestBase(database)
{
    [HubFact]
    public async Task The_preview_url_reaches_the_laptop_and_a_delete_on_the_dashboard_ends_the_intercept_on_the_laptop()
    {
        await using var hub = await StartHubAsync();
        using var admin = await hub.SetUpAdminAsync();
        await using var workload = await LoopbackWorkload.StartAsync();
        await using var laptop = await LoggedInLaptopAsync(hub, admin, workload);

        var intercept = await InterceptAsync(laptop, workload);
        var previewUrl = PreviewUrlLine().Match(intercept.Stdout).Groups[1].Value;
        using var visitor = new PreviewVisitor(hub.BaseAddress, admin.Cookies);
        var (preview, _) = await visitor.FollowAsync(previewUrl);
        using var plain = new HttpClient();
        var cluster = await plain.GetStringAsync($"http://{workload.Agent}/");
        var status = await StatusJsonAsync(laptop);
        var statusText = (await MustRunAsync(laptop, "status")).Stdout;
        var id = new Uri(previewUrl).Host.Split('.')[0];
        var deleted = await admin.SendWithCsrfAsync(HttpMethod.Delete, $"/api/dashboard/previews/{id}", await admin.CsrfTokenAsync());
        // Order and outcome, not speed: the laptop held the intercept before the delete and lets go of it after.
        await Poll.UntilAsync(
            async () => (await StatusJsonAsync(laptop)).GetProperty("intercepts").GetArrayLength() == 0,
            () => "the laptop still holds the intercept whose preview was deleted");
        // The agent hears of the removal from the manager a moment after the laptop does.
        var afterwards = await Poll.UntilEqualAsync("hello from the cluster\n", () => plain.GetStringAsync($"http://{workload.Agent}/"));

        Assert.Matches($@"^http://[a-z0-9]+\.localhost:{hub.BaseAddress.Port}/$", previewUrl);
        Assert.Contains("    Intercepting  : HTTP requests that match all of:\n      header(\"x-telepath-intercept-id\") ~= regexp(\"", intercept.Stdout);
        Assert.Equal(HttpStatusCode.OK, preview.Status);
        Assert.Contains("hello from your laptop", preview.Html);
        Assert.Equal("hello from the cluster\n", cluster);
        Assert.Equal(previewUrl, status.GetProperty("previewUrls").GetProperty("orders").GetString());
        Assert.Matches($@"\n    orders: [^,\n]+, preview {Regex.Escape(previewUrl)}\n", statusText);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(1, status.GetProperty("intercepts").GetArrayLength());
        Assert.Equal("hello from the cluster\n", afterwards);
    }

    [HubFact]
    public async Task Leave_and_quit_end_their_previews_at_the_hub()
    {
        await using var hub = await StartHubAsync();
        using var admin = await hub.SetUpAdminAsync();
        var key = await admin.CreateApiKeyAsync("laptop");
        await using var workload = await LoopbackWorkload.StartAsync();
        await using var laptop = await LoggedInLaptopAsync(hub, admin, workload, key);
        using var api = hub.Api(key);

        await InterceptAsync(laptop, workload);
        var whileIntercepted = await api.MineAsync();
        await laptop.RunAsync("leave", "orders");
        var afterLeave = await api.MineAsync();
        await InterceptAsync(laptop, workload);
        var again = await api.MineAsync();
        await laptop.RunAsync("quit");
        var afterQuit = await api.MineAsync();

        Assert.Single(whileIntercepted);
        Assert.Empty(afterLeave);
        Assert.Single(again);
        Assert.Empty(afterQuit);
    }

    [HubFact]
    public async Task Logged_in_with_preview_url_false_the_intercept_is_personal_without_a_preview()
    {
        await using var hub = await StartHubAsync();
        using var admin = await hub.SetUpAdminAsync();
        var key = await admin.CreateApiKeyAsync("laptop");
        await using var workload = await LoopbackWorkload.StartAsync();
        await using var laptop = await LoggedInLaptopAsync(hub, admin, workload, key);
        using var api = hub.Api(key);

        var intercept = await laptop.RunAsync("intercept", "orders", "--port", workload.LaptopApp.Port.ToString(), "--preview-url=false");

        Assert.Equal(0, intercept.ExitCode);
        Assert.Contains("header(\"x-telepath-intercept-id\") ~= regexp(\"", intercept.Stdout);
        Assert.DoesNotContain("Preview URL", intercept.Stdout);
        Assert.Empty(await api.MineAsync());
    }

    [HubFact]
    public async Task A_preview_the_hub_refuses_leaves_no_intercept_behind()
    {
        await using var hub = await StartHubAsync();
        using var admin = await hub.SetUpAdminAsync();
        await using var workload = await LoopbackWorkload.StartAsync();
        await using var laptop = await LoggedInLaptopAsync(hub, admin, workload);

        var refused = await laptop.RunAsync("intercept", "orders", "--port", workload.LaptopApp.Port.ToString(), "--ingress-host", "no such host", "--ingress-port", "80");
        var status = await StatusJsonAsync(laptop);

        Assert.Equal(1, refused.ExitCode);
        var lines = refused.Stderr.TrimEnd('\n').Split('\n');
        Assert.Equal("Preview requests go to no such host:80 (cleartext, Host no such host)", lines[0]);
        Assert.StartsWith("telepath: the hub at ", lines[^1]);
        Assert.Matches(@"refused \(400 Bad Request\): .*ingress.* \(invalid_request\)$", lines[^1]);
        Assert.Equal(0, status.GetProperty("intercepts").GetArrayLength());
    }

    private static async Task<CliLaptop> LoggedInLaptopAsync(TestHub hub, HubBrowser admin, LoopbackWorkload workload, string? key = null)
    {
        var laptop = new CliLaptop();
        try
        {
            var tokenFile = Path.Combine(laptop.Home, "manager-token");
            await File.WriteAllTextAsync(tokenFile, LoopbackManager.Token);
            await MustRunAsync(laptop, "connect", "--manager", workload.Manager.Address, "--token-file", tokenFile);
            await MustRunAsync(laptop, "login", "--hub", hub.BaseAddress.ToString(), "--api-key", key ?? await admin.CreateApiKeyAsync("laptop"));
            return laptop;
        }
        catch
        {
            await laptop.DisposeAsync();
            throw;
        }
    }

    // No terminal on stdin: the ingress questions are answered by the flags, nothing waits.
    private static async Task<Testing.Processes.ProcessResult> InterceptAsync(CliLaptop laptop, LoopbackWorkload workload) =>
        await MustRunAsync(laptop, "intercept", "orders", "--port", workload.LaptopApp.Port.ToString(), "--ingress-host", "127.0.0.1", "--ingress-port", workload.Agent.Port.ToString());

    private static async Task<JsonElement> StatusJsonAsync(CliLaptop laptop) =>
        JsonDocument.Parse((await MustRunAsync(laptop, "status", "--output", "json")).Stdout).RootElement;

    private static async Task<Testing.Processes.ProcessResult> MustRunAsync(CliLaptop laptop, params string[] arguments)
    {
        var result = await laptop.RunAsync(arguments);
        Assert.True(result.ExitCode == 0, $"telepath {string.Join(' ', arguments)} failed ({result.ExitCode}):\n{result.Stdout}{result.Stderr}");
        return result;
    }

    [GeneratedRegex(@"    Preview URL   : (\S+)")]
    private static partial Regex PreviewUrlLine();
}

public sealed class PreviewInterceptTestsOnSqlite() : PreviewInterceptTests(HubDatabaseKind.Sqlite);
