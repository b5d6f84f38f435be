using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace Telepath.Hub.Security;

/// <summary>
/// A state-changing API call authenticated by the browser cookie must carry the antiforgery token
/// (header <see cref="HubAuthentication.AntiforgeryHeader"/>, from the page's meta tag): a cross-site page can make
/// the browser send the cookie, but cannot read the token. Bearer calls need no token: no browser adds them.
/// </summary>
public sealed class CookieAntiforgeryFilter(IAntiforgery antiforgery) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var safe = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method);
        if (!safe && http.User.Identity?.AuthenticationType == HubAuthentication.CookieScheme)
        {
            try
            {
                await antiforgery.ValidateRequestAsync(http);
            }
            catch (AntiforgeryValidationException)
            {
                return Results.Json(new ApiError("antiforgery_token_missing_or_invalid"), statusCode: StatusCodes.Status400BadRequest);
            }
        }

        return await next(context);
    }
}
