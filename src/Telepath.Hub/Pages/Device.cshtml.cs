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
/// which is rate-limited, so a GET cannot be used to try codes. A person in several organisations chooses the one the
/// CLI's token acts in; the token is bound to it for its whole life.
/// </summary>
public sealed class DeviceModel(DeviceAuthorizations devices, CurrentMember current, ILogger<DeviceModel> logger) : PageModel
{
    public const string UnknownCode = "That code is not valid or has expired. Check it, or start again from the CLI.";
    public const string NoOrganisationChosen = "Choose the organisation the CLI acts in.";

    [BindProperty(Name = "user_code", SupportsGet = true)]
    public string? UserCode { get; set; }

    public DeviceOutcome Outcome { get; private set; }

    public string? Error { get; private set; }

    public string? ClientName { get; private set; }

    public string? Email { get; private set; }

    /// <summary>The organisation the token acts in, once approved.</summary>
    public string? OrganisationName { get; private set; }

    /// <summary>Offered only when there is more than one to choose from.</summary>
    public IReadOnlyList<OrganisationChoice> Organisations { get; private set; } = [];

    public Guid? Preselected { get; private set; }

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

        // A name the person is no member of preselects nothing, the same as no name: the page shows only their own.
        var offered = await OfferAsync();
        Preselected = offered.FirstOrDefault(o => string.Equals(o.Name, authorization.RequestedOrganisation, StringComparison.OrdinalIgnoreCase))?.Id;
        ClientName = authorization.ClientName;
        return Page();
    }

    public async Task<IActionResult> OnPostDecideAsync(string decision, Guid? organisation)
    {
        var code = CliAuth.UserCode.Normalise(UserCode);
        if (code is null || await current.GetAsync() is not { } member)
        {
            Error = UnknownCode;
            return Page();
        }

        var approve = decision == "approve";
        var organisations = await current.OrganisationsAsync();
        var chosen = organisations.Count == 1 ? organisations[0] : organisations.FirstOrDefault(o => o.Id == organisation);
        if (approve && chosen is null)
        {
            return await AskAgainAsync(code);
        }

        if (!await devices.DecideAsync(code, member.UserId, chosen?.Id ?? member.OrganisationId, approve))
        {
            Error = UnknownCode;
            return Page();
        }

        Log.DeviceDecided(logger, member.Email, approve ? "approved" : "denied", CliAuth.UserCode.Display(code));
        Outcome = approve ? DeviceOutcome.Approved : DeviceOutcome.Denied;
        Email = member.Email;
        OrganisationName = chosen?.Name;
        return Page();
    }

    private async Task<IActionResult> AskAgainAsync(string code)
    {
        if (await devices.FindPendingAsync(code) is not { } authorization)
        {
            Error = UnknownCode;
            return Page();
        }

        await OfferAsync();
        ClientName = authorization.ClientName;
        Error = NoOrganisationChosen;
        return Page();
    }

    private async Task<IReadOnlyList<OrganisationChoice>> OfferAsync()
    {
        var organisations = await current.OrganisationsAsync();
        Outcome = DeviceOutcome.Confirm;
        Email = (await current.GetAsync())?.Email;
        Organisations = organisations.Count > 1 ? organisations : [];
        return organisations;
    }
}
