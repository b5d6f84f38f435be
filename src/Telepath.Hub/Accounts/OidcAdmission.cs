using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Telepath.Hub.Data;
using Telepath.Hub.Hosting;

namespace Telepath.Hub.Accounts;

/// <summary>
/// Who may enter through the OIDC provider: the account linked to the identity, or a new account for a verified
/// email that has a pending invitation and no account yet (<see cref="ExternalAccounts"/>). The provider proves the
/// email; the hub's invitations decide the organisation.
/// </summary>
public sealed class OidcAdmission(
    UserManager<HubUser> users,
    SignInManager<HubUser> signIn,
    ExternalAccounts accounts,
    Invitations invitations,
    HubDbContext db,
    HubOptions options,
    TimeProvider time,
    ILogger<OidcAdmission> logger)
{
    /// <returns>Null when signed in, else why not, to show the person.</returns>
    public async Task<string?> AdmitAsync(ExternalLoginInfo login)
    {
        var email = login.Principal.FindFirstValue(ClaimTypes.Email) ?? login.Principal.FindFirstValue("email");
        if (!EmailAddress.LooksValid(email))
        {
            return Refuse(email ?? "(none)", "The provider sent no email address.");
        }

        var verified = string.Equals(login.Principal.FindFirstValue("email_verified"), "true", StringComparison.OrdinalIgnoreCase);
        if (options.Oidc?.RequireVerifiedEmail != false && !verified)
        {
            return Refuse(email!, "The provider did not say this email address is verified.");
        }

        var (match, user) = await accounts.FindAsync(login.LoginProvider, login.ProviderKey, [email!]);
        if (match == ExternalAccountMatch.EmailTaken)
        {
            return Refuse(email!, ExternalAccounts.EmailTaken(login.ProviderDisplayName ?? login.LoginProvider));
        }

        // Invitations are addressed to an account's email, which a linked identity's email need not be.
        var pending = await invitations.PendingForEmailAsync(user?.Email ?? email!);
        var isMember = user is not null && await db.Memberships.AnyAsync(m => m.UserId == user.Id);
        if (!isMember && pending.Count == 0)
        {
            return Refuse(email!, "There is no invitation for this email address. Ask an admin of your organisation for one.");
        }

        if (user is null)
        {
            user = new HubUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = time.GetUtcNow() };
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
            {
                return Refuse(email!, string.Join(" ", created.Errors.Select(e => e.Description)));
            }

            if (await accounts.LinkAsync(user, login) is { } notLinked)
            {
                // The same identity arrived twice at once and the other request linked it: no account without a way in.
                await users.DeleteAsync(user);
                return Refuse(email!, notLinked);
            }
        }

        foreach (var invitation in pending)
        {
            await invitations.AcceptAsync(invitation, user);
        }

        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: login.LoginProvider);
        return null;
    }

    private string Refuse(string email, string reason)
    {
        Log.OidcRefused(logger, email, reason);
        return reason;
    }
}
