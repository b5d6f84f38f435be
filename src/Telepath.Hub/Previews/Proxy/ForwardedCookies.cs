using Telepath.Hub.Security;

namespace Telepath.Hub.Previews.Proxy;

/// <summary>
/// The Cookie header without the hub's own cookies: the preview's pass and any session or antiforgery cookie of
/// the hub are the hub's secrets, not the previewed application's.
/// </summary>
public static class ForwardedCookies
{
    public static bool IsHubs(string name) =>
        CookieSettings.Unprefixed(name) is var unprefixed
        && (unprefixed is PreviewPasses.CookieName or CookieSettings.SessionCookie or CookieSettings.AntiforgeryCookie
            || unprefixed.StartsWith(".AspNetCore.", StringComparison.Ordinal));

    /// <returns>The cookies to forward, or null when none is left.</returns>
    public static string? Without(IEnumerable<string?> cookieHeaders)
    {
        var kept = cookieHeaders
            .SelectMany(header => (header ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(pair => !IsHubs(pair.Split('=', 2)[0].Trim()))
            .ToList();
        return kept.Count == 0 ? null : string.Join("; ", kept);
    }
}
