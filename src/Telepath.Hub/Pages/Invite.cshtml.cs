using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Telepath.Hub.Accounts;
using Telepath.Hub.Data;
using Telepath.Hub.Hosting;

namespace Telepath.Hub.Pages;

public enum InviteStep
{
    /// <summary>No account has the invited email: choose a password (or use OIDC).</summary>
    CreateAccount,

    /// <summary>An account has that email but someone else (or no one) is signed in.</summary>
    SignInFirst,

    /// <summary>The invited account is signed in: one click joins.</summary>
    Join,
}

/// <summary>An invitation link: the invited email becomes a member, with a new account or the one it has.</summary>
[AllowAnonymous]
public sealed class InviteModel(
    Invitations invitations,
    UserManager<HubUser> users,
    SignInManager<HubUser> signIn,
    HubOptions options,
    TimeProvider time,
    ILogger<InviteModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    public Invitation? Invitation { get; private set; }

    public InviteStep Step { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public string? OidcDisplayName => options.Oidc?.DisplayName;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() is null ? Invalid() : Page();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        if (await LoadAsync() is not { } invitation)
        {
            return Invalid();
        }

        if (Step != InviteStep.CreateAccount)
        {
            return Page();
        }

        var user = new HubUser { UserName = invitation.Email, Email = invitation.Email, EmailConfirmed = true, CreatedAt = time.GetUtcNow() };
        var created = await users.CreateAsync(user, Password);
        if (!created.Succeeded)
        {
            Errors = [.. created.Errors.Select(e => e.Description)];
            return Page();
        }

        return await AcceptAsync(invitation, user);
    }

    public async Task<IActionResult> OnPostJoinAsync()
    {
        if (await LoadAsync() is not { } invitation)
        {
            return Invalid();
        }

        if (Step != InviteStep.Join)
        {
            return Page();
        }

        return await AcceptAsync(invitation, (await users.GetUserAsync(User))!);
    }

    private async Task<IActionResult> AcceptAsync(Invitation invitation, HubUser user)
    {
        if (!await invitations.AcceptAsync(invitation, user))
        {
            return Invalid();
        }

        Log.Joined(logger, user.Email!, invitation.Organisation!.Name, invitation.Role);
        await signIn.SignInAsync(user, isPersistent: false);
        return Redirect("/");
    }

    private async Task<Invitation?> LoadAsync()
    {
        Invitation = await invitations.FindPendingAsync(Token);
        if (Invitation is null)
        {
            return null;
        }

        var invited = await users.FindByEmailAsync(Invitation.Email);
        var signedIn = User.Identity?.IsAuthenticated == true ? users.GetUserId(User) : null;
        Step = invited is null ? InviteStep.CreateAccount
            : invited.Id == signedIn ? InviteStep.Join
            : InviteStep.SignInFirst;
        return Invitation;
    }

    private PageResult Invalid()
    {
        Invitation = null;
        var page = Page();
        page.StatusCode = StatusCodes.Status404NotFound;
        return page;
    }
}
