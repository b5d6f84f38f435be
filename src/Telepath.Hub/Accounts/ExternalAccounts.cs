using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Telepath.Hub.Data;

namespace Telepath.Hub.Accounts;

/// <summary>What an external identity (OIDC, GitHub) is to the hub's accounts.</summary>
public enum ExternalAccountMatch
{
    /// <summary>The identity is linked to an account: that account signs in.</summary>
    Linked,

    /// <summary>No account has the identity or its email: one may be created, if the invitation rules allow.</summary>
    None,

    /// <summary>An account already has the email but not the identity: refused, the owner links it explicitly.</summary>
    EmailTaken,
}

/// <summary>
/// The identity rules every external sign-in follows. An account is found by (provider, key) only, never by email:
/// whoever controls an address at a provider must not become the hub account with that address (the hub
/// administrator's included). Attaching an identity to an account is <see cref="LinkAsync"/>, done by the signed-in
/// owner, never as a side effect of signing in.
/// </summary>
public sealed class ExternalAccounts(UserManager<HubUser> users, HubDbContext db)
{
    public const string DidNotComplete = "The sign-in with the provider did not complete.";
    public const string LinkedElsewhere = "This sign-in is already linked to another account on this hub.";
    public const string LastWayIn = "This is your only way to sign in: link another provider or set a password before removing it.";

    public static string EmailTaken(string providerDisplayName) =>
        $"An account with this email address already exists on this hub. Sign in with its password, then link {providerDisplayName} under Settings → Sign-in methods.";

    /// <param name="emails">The identity's verified addresses: any of them on an account here means that account may be theirs.</param>
    /// <returns>The linked account and <see cref="ExternalAccountMatch.Linked"/>, or no account and why not.</returns>
    public async Task<(ExternalAccountMatch Match, HubUser? User)> FindAsync(string loginProvider, string providerKey, IEnumerable<string> emails)
    {
        if (await users.FindByLoginAsync(loginProvider, providerKey) is { } linked)
        {
            return (ExternalAccountMatch.Linked, linked);
        }

        foreach (var email in emails)
        {
            if (await users.FindByEmailAsync(email) is not null)
            {
                return (ExternalAccountMatch.EmailTaken, null);
            }
        }

        return (ExternalAccountMatch.None, null);
    }

    /// <summary>Adds the identity to <paramref name="user"/>, who is signed in and asked for it.</summary>
    /// <returns>Null when linked (or it already was), else why not, to show the person.</returns>
    public async Task<string?> LinkAsync(HubUser user, UserLoginInfo login)
    {
        if (await users.FindByLoginAsync(login.LoginProvider, login.ProviderKey) is { } owner)
        {
            return owner.Id == user.Id ? null : LinkedElsewhere;
        }

        try
        {
            var added = await users.AddLoginAsync(user, login);
            return added.Succeeded ? null : string.Join(" ", added.Errors.Select(e => e.Description));
        }
        catch (DbUpdateException)
        {
            // (provider, key) is the table's primary key: another account linked it between the check and the insert.
            // The failed insert stays tracked and would fail the context's next save, so it is forgotten.
            db.ChangeTracker.Clear();
            return LinkedElsewhere;
        }
    }

    /// <summary>Removes the identity from <paramref name="user"/> unless it is their last way to sign in.</summary>
    /// <returns>Null when removed, else why not.</returns>
    public async Task<string?> UnlinkAsync(HubUser user, string loginProvider, string providerKey)
    {
        var logins = await users.GetLoginsAsync(user);
        if (!logins.Any(l => l.LoginProvider == loginProvider && l.ProviderKey == providerKey))
        {
            return "That sign-in is not linked to your account.";
        }

        if (logins.Count == 1 && !await users.HasPasswordAsync(user))
        {
            return LastWayIn;
        }

        var removed = await users.RemoveLoginAsync(user, loginProvider, providerKey);
        return removed.Succeeded ? null : string.Join(" ", removed.Errors.Select(e => e.Description));
    }
}
