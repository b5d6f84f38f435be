using Microsoft.EntityFrameworkCore;
using Telepath.Hub.Data;
using Telepath.Hub.Hosting;
using Telepath.Hub.Security;

namespace Telepath.Hub.CliAuth;

/// <summary>The RFC 8628 device authorization grant: the CLI starts it and polls, a signed-in person approves or denies it.</summary>
public sealed class DeviceAuthorizations(HubDbContext db, ApiTokens tokens, HubOptions options, TimeProvider time)
{
    /// <summary>RFC 8628 §3.5: each slow_down adds five seconds to the interval, for this and later polls.</summary>
    public static readonly TimeSpan SlowDownStep = TimeSpan.FromSeconds(5);

    /// <returns>The stored authorization and the device code, which is only stored hashed.</returns>
    /// <param name="requestedOrganisation">What `telepath login --org` named; it only preselects, and is never checked here, so the answer tells nothing of which organisations exist.</param>
    public async Task<(DeviceAuthorization Authorization, string DeviceCode)> StartAsync(string clientName, string? requestedOrganisation = null)
    {
        var deviceCode = RandomSecret.New();
        var now = time.GetUtcNow();
        var flow = options.EffectiveDeviceFlow;
        var authorization = new DeviceAuthorization
        {
            Id = Guid.NewGuid(),
            DeviceCodeHash = SecretHash.Of(deviceCode),
            UserCode = await NewUserCodeAsync(now),
            ClientName = clientName,
            RequestedOrganisation = requestedOrganisation,
            Status = DeviceAuthorizationStatus.Pending,
            CreatedAt = now,
            ExpiresAt = now + flow.EffectiveLifetime,
            IntervalSeconds = (int)Math.Ceiling(flow.EffectivePollingInterval.TotalSeconds),
        };
        db.DeviceAuthorizations.Add(authorization);
        await db.SaveChangesAsync();
        return (authorization, deviceCode);
    }

    public async Task<DeviceTokenOutcome> ExchangeAsync(string deviceCode)
    {
        var hash = SecretHash.Of(deviceCode);
        var authorization = await db.DeviceAuthorizations.FirstOrDefaultAsync(d => d.DeviceCodeHash == hash);
        if (authorization is null)
        {
            return DeviceTokenOutcome.InvalidGrant;
        }

        var now = time.GetUtcNow();
        return authorization.Status switch
        {
            DeviceAuthorizationStatus.Consumed => DeviceTokenOutcome.InvalidGrant,
            DeviceAuthorizationStatus.Denied => DeviceTokenOutcome.Denied,
            _ when now >= authorization.ExpiresAt => DeviceTokenOutcome.Expired,
            DeviceAuthorizationStatus.Pending => await PollPendingAsync(authorization, now),
            _ => await IssueOnceAsync(authorization),
        };
    }

    private async Task<DeviceTokenOutcome> PollPendingAsync(DeviceAuthorization authorization, DateTimeOffset now)
    {
        var tooSoon = authorization.LastPolledAt is { } last && now - last < TimeSpan.FromSeconds(authorization.IntervalSeconds);
        authorization.LastPolledAt = now;
        if (tooSoon)
        {
            authorization.IntervalSeconds += (int)SlowDownStep.TotalSeconds;
        }

        await db.SaveChangesAsync();
        return tooSoon ? DeviceTokenOutcome.SlowDown : DeviceTokenOutcome.Pending;
    }

    private async Task<DeviceTokenOutcome> IssueOnceAsync(DeviceAuthorization authorization)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        // Of two polls racing with the same code, only the one that moves Approved to Consumed gets a token.
        var consumed = await db.DeviceAuthorizations
            .Where(d => d.Id == authorization.Id && d.Status == DeviceAuthorizationStatus.Approved)
            .ExecuteUpdateAsync(d => d.SetProperty(x => x.Status, DeviceAuthorizationStatus.Consumed));
        if (consumed != 1 || authorization.UserId is null || authorization.OrganisationId is not { } organisationId)
        {
            return DeviceTokenOutcome.InvalidGrant;
        }

        var (_, secret) = await tokens.IssueAsync(authorization.UserId, organisationId, authorization.ClientName, ApiTokenKind.CliLogin);
        await transaction.CommitAsync();
        return DeviceTokenOutcome.Issued(secret);
    }

    /// <summary>The pending, unexpired authorization with this user code, or null.</summary>
    public async Task<DeviceAuthorization?> FindPendingAsync(string userCode)
    {
        var now = time.GetUtcNow();
        return await db.DeviceAuthorizations
            .Where(d => d.UserCode == userCode && d.Status == DeviceAuthorizationStatus.Pending && d.ExpiresAt > now)
            .FirstOrDefaultAsync();
    }

    /// <returns>False when the code is no longer pending (decided elsewhere, or expired).</returns>
    public async Task<bool> DecideAsync(string userCode, string userId, Guid organisationId, bool approve)
    {
        var now = time.GetUtcNow();
        var status = approve ? DeviceAuthorizationStatus.Approved : DeviceAuthorizationStatus.Denied;
        var decided = await db.DeviceAuthorizations
            .Where(d => d.UserCode == userCode && d.Status == DeviceAuthorizationStatus.Pending && d.ExpiresAt > now)
            .ExecuteUpdateAsync(d => d
                .SetProperty(x => x.Status, status)
                .SetProperty(x => x.UserId, userId)
                .SetProperty(x => x.OrganisationId, organisationId));
        return decided == 1;
    }

    private async Task<string> NewUserCodeAsync(DateTimeOffset now)
    {
        while (true)
        {
            var code = UserCode.New();
            if (!await db.DeviceAuthorizations.AnyAsync(d => d.UserCode == code && d.Status == DeviceAuthorizationStatus.Pending && d.ExpiresAt > now))
            {
                return code;
            }
        }
    }
}
