using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Telepath.Hub.Tests.Infrastructure;

/// <summary>What the dashboard's script does: read the page's CSRF token, then call the dashboard API with it.</summary>
public static partial class DashboardCalls
{
    public static async Task<string> CsrfTokenAsync(this HubBrowser browser)
    {
        var page = await browser.GetAsync("/dashboard");
        return WebUtility.HtmlDecode(CsrfMeta().Match(page.Html).Groups[1].Value);
    }

    public static Task<HttpResponseMessage> SendWithCsrfAsync(this HubBrowser browser, HttpMethod method, string path, string token, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("X-CSRF-TOKEN", token);
        return browser.Client.SendAsync(request);
    }

    [GeneratedRegex("""<meta name="csrf-token" content="([^"]+)">""")]
    private static partial Regex CsrfMeta();
}
