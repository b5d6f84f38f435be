using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Telepath.Hub.Accounts;

namespace Telepath.Hub.Pages.Settings;

/// <summary>
/// The navigation bar's organisation switcher posts here: the choice is stored with the person, so the dashboard,
/// members and API keys act in it in this session and the next. A GET only shows where to go back to.
/// </summary>
public sealed class OrganisationModel(CurrentMember current, ILogger<OrganisationModel> logger) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(Guid organisation, string? returnUrl)
    {
        if (!await current.ChooseAsync(organisation))
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        Log.OrganisationChosen(logger, (await current.GetAsync())?.Email ?? "", organisation.ToString());
        // Only a path of this hub: the field comes from the form and must not send the person elsewhere.
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/dashboard");
    }
}
