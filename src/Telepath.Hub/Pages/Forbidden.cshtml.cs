using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Telepath.Hub.Pages;

[AllowAnonymous]
public sealed class ForbiddenModel : PageModel
{
    public void OnGet()
    {
    }
}
