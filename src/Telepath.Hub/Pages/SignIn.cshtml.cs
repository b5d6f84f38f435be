using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Telepath.Hub.Accounts;
using Telepath.Hub.Accounts.GitHub;
using Telepath.Hub.Data;
using Telepath.Hub.Hosting;
using Telepath.Hub.Security;

namespace Telepath.Hub.Pages;

/// <summary>Password sign-in with Identity's lockout, and the way in and back from the OIDC provider when one is configured.</summary>
[AllowAnonymous]
public sealed class SignInModel(SignInManager<HubUser> signIn, OidcAdmission oidc, HubOptions options, ILogger<SignInModel> logger) : PageModel
{
    public const string WrongCredentials = "Wrong email or password.";
    public const string LockedOut = "Too many failed attempts: this account is locked for a few minutes.";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string Email { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    public string? Error { get; private set; }

    public string? OidcDisplayName => options.Oidc?.DisplayName;

    public bool GitHubEnabled => options.GitHub is not null;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await signIn.PasswordSignInAsync(Email.Trim(), Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(SafeReturnUrl());
        }

        Error = result.IsLockedOut ? LockedOut : WrongCredentials;
        Log.SignInFailed(logger, Email.Trim(), result.IsLockedOut ? "locked out" : "wrong email or password");
        var page = Page();
        page.StatusCode = StatusCodes.Status401Unauthorized;
        return page;
    }

    public IActionResult OnPostOidc()
    {
        if (options.Oidc is null)
        {
            return NotFound();
        }

        var callback = Url.Page("/SignIn", "OidcCallback", new { ReturnUrl = SafeReturnUrl() });
        var properties = signIn.ConfigureExternalAuthenticationProperties(HubAuthentication.OidcScheme, callback);
        return Challenge(properties, HubAuthentication.OidcScheme);
    }

    public async Task<IActionResult> OnGetOidcCallbackAsync()
    {
        var login = await signIn.GetExternalLoginInfoAsync();
        if (login is null)
        {
            Error = ExternalAccounts.DidNotComplete;
            return Page();
        }

        Error = await oidc.AdmitAsync(login);
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        return Error is null ? LocalRedirect(SafeReturnUrl()) : Page();
    }

    public IActionResult OnPostGitHub()
    {
        if (options.GitHub is null)
        {
            return NotFound();
        }

        var callback = Url.Page("/SignIn", "GitHubCallback", new { ReturnUrl = SafeReturnUrl() });
        var properties = signIn.ConfigureExternalAuthenticationProperties(HubAuthentication.GitHubScheme, callback);
        return Challenge(properties, HubAuthentication.GitHubScheme);
    }

    // Taken by the handler, not the constructor, so that GitHub's way in stays apart from the password and OIDC ones.
    public async Task<IActionResult> OnGetGitHubCallbackAsync([FromServices] GitHubAdmission gitHub)
    {
        var login = await signIn.GetExternalLoginInfoAsync();
        if (login is null || login.LoginProvider != HubAuthentication.GitHubScheme)
        {
            Error = "The sign-in with GitHub did not complete.";
            return Page();
        }

        Error = await gitHub.AdmitAsync(login, HttpContext.RequestAborted);
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        return Error is null ? LocalRedirect(SafeReturnUrl()) : Page();
    }

    // Only paths on this hub, so a link to /signin cannot be used to bounce a person elsewhere.
    private string SafeReturnUrl() => ReturnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) ? url : "/";
}
