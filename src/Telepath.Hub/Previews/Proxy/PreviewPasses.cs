using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Telepath.Hub.Previews.Proxy;

/// <summary>
/// Protects <see cref="PreviewPass"/>es with ASP.NET Core Data Protection. The hub's session cookie lives on the hub's
/// host, which a preview's host never sees, so the hub hands a member over with a ticket (60 s, in a redirect URL) that
/// the preview host trades for a cookie of its own (12 h). Each has its own purpose, so a cookie is no ticket and
/// neither can be passed off as anything else the hub protects. A ticket is good once: it travels in a URL (history,
/// logs, a Referer), so a second redemption is refused. The spent tickets are kept in memory until they expire, which
/// is enough for one hub process; several hub replicas would need them in the database.
/// </summary>
public sealed class PreviewPasses(IDataProtectionProvider protection, TimeProvider time)
{
    public const string CookieName = "telepath-preview";

    public static readonly TimeSpan TicketLifetime = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan CookieLifetime = TimeSpan.FromHours(12);

    private readonly IDataProtector _tickets = protection.CreateProtector("Telepath.Hub.Previews.Ticket.v1");
    private readonly IDataProtector _cookies = protection.CreateProtector("Telepath.Hub.Previews.Cookie.v1");
    private readonly ConcurrentDictionary<string, DateTimeOffset> _spentTickets = new(StringComparer.Ordinal);

    public string IssueTicket(string userId, string previewId) => Issue(_tickets, userId, previewId, TicketLifetime);

    /// <summary>The ticket's pass, the first time it is presented while valid; null after that.</summary>
    public PreviewPass? RedeemTicket(string? ticket, string previewId)
    {
        if (Read(_tickets, ticket, previewId) is not { } pass)
        {
            return null;
        }

        var now = time.GetUtcNow();
        foreach (var spent in _spentTickets.Where(t => t.Value <= now))
        {
            _spentTickets.TryRemove(spent);
        }

        return _spentTickets.TryAdd(pass.Nonce, pass.ExpiresAt) ? pass : null;
    }

    public (string Value, PreviewPass Pass) IssueCookie(string userId, string previewId)
    {
        var value = Issue(_cookies, userId, previewId, CookieLifetime);
        return (value, Read(_cookies, value, previewId)!);
    }

    public PreviewPass? ReadCookie(string? cookie, string previewId) => Read(_cookies, cookie, previewId);

    private string Issue(IDataProtector protector, string userId, string previewId, TimeSpan lifetime)
    {
        var expires = (time.GetUtcNow() + lifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        return protector.Protect(string.Join('\n', userId, previewId, expires, nonce));
    }

    // A pass is good only for the preview whose host it is presented on, and only until it expires.
    private PreviewPass? Read(IDataProtector protector, string? value, string previewId)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        string plain;
        try
        {
            plain = protector.Unprotect(value);
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }

        var parts = plain.Split('\n');
        if (parts.Length != 4 || parts[1] != previewId || !long.TryParse(parts[2], CultureInfo.InvariantCulture, out var seconds))
        {
            return null;
        }

        var expires = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return expires > time.GetUtcNow() ? new PreviewPass(parts[0], parts[1], expires, parts[3]) : null;
    }
}
