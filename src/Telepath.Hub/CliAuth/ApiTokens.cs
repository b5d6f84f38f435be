using Microsoft.EntityFrameworkCore;
using Telepath.Hub.Data;
using Telepath.Hub.Security;

namespace Telepath.Hub.CliAuth;

/// <summary>Bearer tokens: CLI logins and API keys. Listing and revoking always go through the owner's user id.</summary>
public sealed class ApiTokens(HubDbContext db, TimeProvider time)
{
    /// <summary>Last-used is a hint for people, not an audit log: writing it at most this often keeps polling clients from writing on every call.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    /// <returns>The stored token and its secret, which is shown once and never again.</returns>
    public async Task<(ApiToken Token, string Secret)> IssueAsync(string userId, Guid organisationId, string name, ApiTokenKind kind)
    {
        var secret = ApiTokenSecret.New();
        var token = new ApiToken
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            OrganisationId = organisationId,
            Name = name.Trim(),
            Kind = kind,
            SecretHash = secret.Hash,
            Prefix = secret.Prefix,
            CreatedAt = time.GetUtcNow(),
        };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync();
        return (token, secret.Secret);
    }

    /// <summary>The live token with this secret, its last use recorded; null when unknown or revoked.</summary>
    public async Task<ApiToken?> AuthenticateAsync(string secret)
    {
        if (!secret.StartsWith(ApiTokenSecret.Marker, StringComparison.Ordinal))
        {
            return null;
        }

        var hash = SecretHash.Of(secret);
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.SecretHash == hash && t.RevokedAt == null);
        if (token is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (token.LastUsedAt is null || now - token.LastUsedAt >= LastUsedResolution)
        {
            token.LastUsedAt = now;
            await db.SaveChangesAsync();
        }

        return token;
    }

    public async Task<IReadOnlyList<ApiToken>> OfUserAsync(string userId) =>
        await db.ApiTokens.Where(t => t.UserId == userId).OrderByDescending(t => t.CreatedAt).ToListAsync();

    /// <returns>False when the user has no live token of that id.</returns>
    public async Task<bool> RevokeAsync(string userId, Guid tokenId)
    {
        var now = time.GetUtcNow();
        var revoked = await db.ApiTokens
            .Where(t => t.Id == tokenId && t.UserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.RevokedAt, now));
        return revoked == 1;
    }
}
