using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Telepath.Hub.Data;

namespace Telepath.Hub.Pages;

/// <summary>Sign-out is a POST (with the antiforgery token): a GET would let any page sign people out with an image tag.</summary>
[AllowAnonymous]
public sealed class SignOutModel(SignInManager<HubUser> signIn) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return Redirect("/signin");
    }
}
