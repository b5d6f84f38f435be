using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Telepath.Hub.Accounts;
using Telepath.Hub.CliAuth;
using Telepath.Hub.Data;

namespace Telepath.Hub.Pages.Settings;

/// <summary>The signed-in user's own tokens: make an API key (shown once), revoke a key or a CLI login.</summary>
public sealed class ApiKeysModel(ApiTokens tokens, CurrentMember current, ILogger<ApiKeysModel> logger) : PageModel
{
    [BindProperty]
    public string Name { get; set; } = "";

    public string? NewSecret { get; private set; }

    public IReadOnlyList<ApiToken> Tokens { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        if (await current.GetAsync() is not { } member)
        {
            return Forbid();
        }

        var name = string.IsNullOrWhiteSpace(Name) ? "API key" : Name.Trim();
        if (name.Length > 200)
        {
            name = name[..200];
        }

        var (token, secret) = await tokens.IssueAsync(member.UserId, member.OrganisationId, name, ApiTokenKind.ApiKey);
        Log.TokenIssued(logger, token.Kind, token.Prefix, member.UserId);
        NewSecret = secret;
        Name = "";
        return await LoadAsync();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id)
    {
        if (await current.GetAsync() is not { } member)
        {
            return Forbid();
        }

        if (!await tokens.RevokeAsync(member.UserId, id))
        {
            return NotFound();
        }

        Log.TokenRevoked(logger, id.ToString());
        return RedirectToPage();
    }

    private async Task<IActionResult> LoadAsync()
    {
        if (await current.GetAsync() is not { } member)
        {
            return Forbid();
        }

        Tokens = await tokens.OfUserAsync(member.UserId);
        return Page();
    }
}
