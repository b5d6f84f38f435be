using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Telepath.Hub.Accounts;
using Telepath.Hub.Data;

namespace Telepath.Hub.Pages.Settings;

/// <summary>
/// The signed-in person's external sign-ins: link one (the only way an identity at a provider joins an existing
/// account, see <see cref="ExternalAccounts"/>) or remove one that is not their last way in.
/// </summary>
public sealed class SignInMethodsModel(
    UserManager<HubUser> users,
    SignInManager<HubUser> signIn,
    ExternalAccounts accounts,
    ILogger<SignInMethodsModel> logger) : PageModel
{
    public sealed record Provider(string Scheme, string DisplayName);

    public sealed record Linked(string Scheme, string DisplayName, string ProviderKey);

    public IReadOnlyList<Linked> Logins { get; private set; } = [];

    /// <summary>The configured providers this person has no identity of yet.</summary>
    public IReadOnlyList<Provider> Linkable { get; private set; } = [];

    public bool HasPassword { get; private set; }

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostLinkAsync(string provider)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Forbid();
        }

        if (!(await signIn.GetExternalAuthenticationSchemesAsync()).Any(s => s.Name == provider))
        {
            return NotFound();
        }

        // Binding the challenge to this user id (checked by GetExternalLoginInfoAsync) keeps an identity from being
        // linked to whoever is signed in when a forged or replayed callback arrives.
        var callback = Url.Page("/Settings/SignInMethods", "LinkCallback");
        var properties = signIn.ConfigureExternalAuthenticationProperties(provider, callback, user.Id);
        return Challenge(properties, provider);
    }

    public async Task<IActionResult> OnGetLinkCallbackAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Forbid();
        }

        var login = await signIn.GetExternalLoginInfoAsync(user.Id);
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        if (login is null)
        {
            Error = ExternalAccounts.DidNotComplete;
            return await LoadAsync();
        }

        Error = await accounts.LinkAsync(user, login);
        if (Error is null)
        {
            Log.ExternalLoginLinked(logger, user.Id, login.LoginProvider, login.ProviderKey);
            Message = $"{login.ProviderDisplayName ?? login.LoginProvider} is linked: you can sign in with it.";
        }
        else
        {
            Log.ExternalLoginLinkRefused(logger, user.Id, login.LoginProvider, login.ProviderKey, Error);
        }

        return await LoadAsync();
    }

    public async Task<IActionResult> OnPostUnlinkAsync(string provider, string providerKey)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Forbid();
        }

        Error = await accounts.UnlinkAsync(user, provider, providerKey);
        if (Error is null)
        {
            Log.ExternalLoginUnlinked(logger, user.Id, provider, providerKey);
            // Removing a login changes the security stamp; the session is renewed so it is not ended by its own change.
            await signIn.RefreshSignInAsync(user);
            return RedirectToPage();
        }

        return await LoadAsync();
    }

    private async Task<IActionResult> LoadAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Forbid();
        }

        var schemes = await signIn.GetExternalAuthenticationSchemesAsync();
        var logins = await users.GetLoginsAsync(user);
        Logins = [.. logins.Select(l => new Linked(l.LoginProvider, schemes.FirstOrDefault(s => s.Name == l.LoginProvider)?.DisplayName ?? l.ProviderDisplayName ?? l.LoginProvider, l.ProviderKey))];
        Linkable = [.. schemes.Where(s => logins.All(l => l.LoginProvider != s.Name)).Select(s => new Provider(s.Name, s.DisplayName ?? s.Name))];
        HasPassword = await users.HasPasswordAsync(user);
        return Page();
    }
}
