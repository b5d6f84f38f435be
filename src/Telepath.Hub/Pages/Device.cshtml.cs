using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Telepath.Hub.Accounts;
using Telepath.Hub.CliAuth;

namespace Telepath.Hub.Pages;

public enum DeviceOutcome
{
    Enter,
    Confirm,
    Approved,
    Denied,
}

/// <summary>
/// The RFC 8628 verification page. A code given in the link only fills the form: the code is looked up by a POST,
/// which is rate-limited, so a GET cannot be used to try codes.
/// </summary>
public sealed class DeviceModel(DeviceAuthorizations devices, CurrentMember current, ILogger<DeviceModel> logger) : PageModel
{
    public const string UnknownCode = "That code is not valid or has expired. Check it, or start again from the CLI.";

    [BindProperty(Name = "user_code", SupportsGet = true)]
    public string? UserCode { get; set; }

    public DeviceOutcome Outcome { get; private set; }

    public string? Error { get; private set; }

    public string? ClientName { get; private set; }

    public string? Email { get; private set; }

    public string DisplayCode => CliAuth.UserCode.Normalise(UserCode) is { } code ? CliAuth.UserCode.Display(code) : "";

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostLookupAsync()
    {
        var code = CliAuth.UserCode.Normalise(UserCode);
        var authorization = code is null ? null : await devices.FindPendingAsync(code);
        if (authorization is null)
        {
            Error = UnknownCode;
            return Page();
        }

        Outcome = DeviceOutcome.Confirm;
        ClientName = authorization.ClientName;
        Email = (await current.GetAsync())?.Email;
        return Page();
    }

    public async Task<IActionResult> OnPostDecideAsync(string decision)
    {
        var code = CliAuth.UserCode.Normalise(UserCode);
        if (code is null || await current.GetAsync() is not { } member)
        {
            Error = UnknownCode;
            return Page();
        }

        var approve = decision == "approve";
        if (!await devices.DecideAsync(code, member.UserId, member.OrganisationId, approve))
        {
            Error = UnknownCode;
            return Page();
        }

        Log.DeviceDecided(logger, member.Email, approve ? "approved" : "denied", CliAuth.UserCode.Display(code));
        Outcome = approve ? DeviceOutcome.Approved : DeviceOutcome.Denied;
        Email = member.Email;
        return Page();
    }
}
