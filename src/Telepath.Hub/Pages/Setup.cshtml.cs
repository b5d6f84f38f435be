using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Telepath.Hub.Accounts;
using Telepath.Hub.Data;

namespace Telepath.Hub.Pages;

[AllowAnonymous]
public sealed class SetupModel(FirstAdminSetup setup, SignInManager<HubUser> signIn, ILogger<SetupModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string Organisation { get; set; } = "";

    [BindProperty]
    public string Email { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    public bool Usable { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        Usable = await setup.IsUsableAsync(Token);
        return Usable ? Page() : NotUsable();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await setup.IsUsableAsync(Token))
        {
            return NotUsable();
        }

        Usable = true;
        Errors = Validate();
        if (Errors.Count > 0)
        {
            return Page();
        }

        var (user, errors) = await setup.CompleteAsync(Token!, Email.Trim(), Password, Organisation);
        if (user is null)
        {
            Errors = errors;
            return Page();
        }

        Log.FirstAdminCreated(logger, user.Email!, Organisation.Trim());
        await signIn.SignInAsync(user, isPersistent: false);
        return Redirect("/");
    }

    private List<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Organisation) || Organisation.Trim().Length > 200)
        {
            errors.Add("Give the organisation a name (up to 200 characters).");
        }

        if (!EmailAddress.LooksValid(Email.Trim()))
        {
            errors.Add("Enter a valid email address.");
        }

        return errors;
    }

    private PageResult NotUsable()
    {
        Usable = false;
        var page = Page();
        page.StatusCode = StatusCodes.Status404NotFound;
        return page;
    }
}
