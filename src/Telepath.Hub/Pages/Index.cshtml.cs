using Microsoft.AspNetCore.Mvc.RazorPages;
using Telepath.Hub.Accounts;
using Telepath.Hub.Hosting;

namespace Telepath.Hub.Pages;

/// <summary>The signed-in home page: who you are, how to sign the CLI in, and the way to the dashboard.</summary>
public sealed class IndexModel(CurrentMember current, PublicBaseUrl publicUrl) : PageModel
{
    public OrganisationMember? Member { get; private set; }

    public string HubUrl { get; private set; } = "";

    public async Task OnGetAsync()
    {
        Member = await current.GetAsync();
        HubUrl = publicUrl.Get(Request);
    }
}
