using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Telepath.Hub.Accounts;
using Telepath.Hub.Hosting;

namespace Telepath.Hub.Pages.Admin;

/// <summary>The hub administrator makes further organisations, each with an admin invitation for its first member.</summary>
public sealed class OrganisationsModel(
    CurrentMember current,
    Organisations organisations,
    PublicBaseUrl publicUrl,
    ILogger<OrganisationsModel> logger) : PageModel
{
    [BindProperty]
    public string Name { get; set; } = "";

    [BindProperty]
    public string AdminEmail { get; set; } = "";

    public string? NewInvitationLink { get; private set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Name) || Name.Trim().Length > 200 || !EmailAddress.LooksValid(AdminEmail.Trim()))
        {
            Error = "Give a name (up to 200 characters) and a valid email address.";
            return Page();
        }

        var administrator = (await current.GetAsync())!;
        var (organisation, token) = await organisations.CreateAsync(Name, AdminEmail, administrator.UserId);
        Log.OrganisationCreated(logger, administrator.Email, organisation.Name);
        NewInvitationLink = $"{publicUrl.Get(Request)}/invite/{token}";
        return Page();
    }
}
