using System.Net;

namespace Telepath.Hub.Tests.Infrastructure;

/// <summary>
/// What a browser does with the hub's pages, over real HTTP: keeps cookies, and submits a form the way a
/// person would, with the antiforgery token read from the page it came from.
/// </summary>
public sealed class HubBrowser : IDisposable
{
    private readonly HttpClient _client;

    public HubBrowser(Uri baseAddress)
    {
        Cookies = new CookieContainer();
        _client = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = baseAddress };
    }

    public CookieContainer Cookies { get; }

    public HttpClient Client => _client;

    public async Task<HubPage> GetAsync(string path) => await HubPage.ReadAsync(await _client.GetAsync(path));

    /// <summary>Opens <paramref name="pagePath"/>, then posts the fields with that page's antiforgery token to it (or to <paramref name="action"/>).</summary>
    public async Task<HubPage> SubmitAsync(string pagePath, IDictionary<string, string> fields, string? action = null)
    {
        var page = await GetAsync(pagePath);
        var withToken = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = page.AntiforgeryToken };
        return await PostFormAsync(action ?? pagePath, withToken);
    }

    /// <summary>A form post exactly as given: no token is added.</summary>
    public async Task<HubPage> PostFormAsync(string path, IDictionary<string, string> fields) =>
        await HubPage.ReadAsync(await _client.PostAsync(path, new FormUrlEncodedContent(fields)));

    public void Dispose() => _client.Dispose();
}
