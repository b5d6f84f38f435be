using Microsoft.AspNetCore.Mvc.RazorPages;
using Telepath.Hub.Accounts;

namespace Telepath.Hub.Pages;

/// <summary>The organisation's previews, kept current by the page's script from `GET /api/dashboard/previews`.</summary>
public sealed class DashboardModel(CurrentMember current) : PageModel
{
    public OrganisationMember? Member { get; private set; }

    public async Task OnGetAsync() => Member = await current.GetAsync();
}
