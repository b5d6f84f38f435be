using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Telepath.Hub.Accounts;
using Telepath.Hub.Data;
using Telepath.Hub.Hosting;

namespace Telepath.Hub.Pages.Admin;

/// <summary>An admin's view of their own organisation: members, pending invitations, and new invitation links.</summary>
public sealed class MembersModel(
    CurrentMember current,
    Members members,
    Invitations invitations,
    PublicBaseUrl publicUrl,
    ILogger<MembersModel> logger) : PageModel
{
    [BindProperty]
    public string Email { get; set; } = "";

    [BindProperty]
    public MembershipRole Role { get; set; } = MembershipRole.Member;

    public string OrganisationName { get; private set; } = "";

    public IReadOnlyList<MemberView> MemberList { get; private set; } = [];

    public IReadOnlyList<Invitation> PendingInvitations { get; private set; } = [];

    public string? NewInvitationLink { get; private set; }

    public string? InvitedEmail { get; private set; }

    public string? Error { get; private set; }

    public string CurrentUserId { get; private set; } = "";

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostInviteAsync()
    {
        var admin = (await current.GetAsync())!;
        if (!EmailAddress.LooksValid(Email.Trim()) || !Enum.IsDefined(Role))
        {
            Error = "Enter a valid email address and role.";
        }
        else
        {
            var (invitation, token) = await invitations.CreateAsync(admin.OrganisationId, admin.UserId, Email, Role);
            Log.Invited(logger, admin.Email, invitation.Email, admin.OrganisationName, invitation.Role);
            NewInvitationLink = $"{publicUrl.Get(Request)}/invite/{token}";
            InvitedEmail = invitation.Email;
            Email = "";
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(string userId)
    {
        var admin = (await current.GetAsync())!;
        var refusal = await members.RemoveAsync(admin.OrganisationId, userId, admin.UserId);
        switch (refusal)
        {
            case RemovalRefusal.None:
                Log.MemberRemoved(logger, admin.Email, userId, admin.OrganisationName);
                return RedirectToPage();
            case RemovalRefusal.NotFound:
                return NotFound();
            default:
                Error = refusal == RemovalRefusal.Yourself
                    ? "You cannot remove yourself; another admin can."
                    : "An organisation needs an admin: make someone else an admin first.";
                await LoadAsync();
                return Page();
        }
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id)
    {
        var admin = (await current.GetAsync())!;
        return await invitations.RevokeAsync(admin.OrganisationId, id) ? RedirectToPage() : NotFound();
    }

    private async Task LoadAsync()
    {
        var admin = (await current.GetAsync())!;
        OrganisationName = admin.OrganisationName;
        CurrentUserId = admin.UserId;
        MemberList = await members.OfAsync(admin.OrganisationId);
        PendingInvitations = await invitations.PendingAsync(admin.OrganisationId);
    }
}
