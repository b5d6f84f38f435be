using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Telepath.Hub.Tests.Infrastructure;

/// <summary>A response as a test reads it: status, HTML, where a redirect points, and the headers.</summary>
public sealed partial record HubPage(HttpStatusCode Status, string Html, string? Location, HttpResponseHeaders Headers)
{
    public static async Task<HubPage> ReadAsync(HttpResponseMessage response) => new(
        response.StatusCode,
        await response.Content.ReadAsStringAsync(),
        response.Headers.Location?.OriginalString,
        response.Headers);

    /// <summary>The antiforgery token of the page's forms (they all carry the same one).</summary>
    public string AntiforgeryToken => AntiforgeryField().Match(Html) is { Success: true } match
        ? WebUtility.HtmlDecode(match.Groups["value"].Value)
        : throw new InvalidOperationException($"no antiforgery token in the page:\n{Html}");

    /// <summary>The text of the element with this id, HTML-decoded.</summary>
    public string? TextOf(string id)
    {
        var match = Regex.Match(Html, $"""id="{Regex.Escape(id)}"[^>]*>(?<text>[^<]*)<""");
        return match.Success ? WebUtility.HtmlDecode(match.Groups["text"].Value).Trim() : null;
    }

    /// <summary>Whether the page shows <paramref name="text"/>, however Razor encoded it (it escapes non-ASCII, such as →).</summary>
    public bool Contains(string text) => Html.Contains(text, StringComparison.Ordinal) || WebUtility.HtmlDecode(Html).Contains(text, StringComparison.Ordinal);

    [GeneratedRegex("""name="__RequestVerificationToken" type="hidden" value="(?<value>[^"]+)" """)]
    private static partial Regex AntiforgeryField();
}
