using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Telepath.Hub.Accounts;
using Telepath.Hub.Previews;
using Telepath.Hub.Previews.Proxy;

namespace Telepath.Hub.Pages;

/// <summary>
/// The hub's half of a private preview's hand-off: a signed-in member of the preview's organisation leaves with a
/// short ticket for the preview's host (see <see cref="PreviewPasses"/>); anyone else is told why not. Signed-out
/// people go through sign-in first, which comes back here.
/// </summary>
public sealed class PreviewAuthModel(PreviewRegistry registry, Members members, PreviewPasses passes, PreviewUrls urls) : PageModel
{
    public string? Email { get; private set; }

    public bool Ended { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? preview, string? @return)
    {
        var target = preview is { Length: > 0 and <= 63 } ? await registry.TargetAsync(preview) : null;
        if (target is null)
        {
            Ended = true;
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        if (!await members.IsMemberAsync(userId, target.OrganisationId))
        {
            Email = User.FindFirstValue(ClaimTypes.Email) ?? User.Identity?.Name;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        var ticket = passes.IssueTicket(userId, target.Id);
        var back = LocalReturnPath.Of(@return);
        return Redirect($"{urls.Origin(target.Id, Request)}{PreviewProxyMiddleware.HandOffPath}?ticket={Uri.EscapeDataString(ticket)}&return={Uri.EscapeDataString(back)}");
    }
}
