using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;

namespace Telepath.Hub.Hosting;

/// <summary>
/// The base of links the hub hands out (set-up, invitations, device verification): `Hub:PublicUrl` when set,
/// else the request's own scheme and host, else the first address Kestrel bound. Once the public URL is set the
/// request's Host header is never used: anyone can send any Host, and a link built from it (in a mail, a cached
/// redirect, an OIDC redirect_uri) would lead elsewhere.
/// </summary>
public sealed class PublicBaseUrl(HubOptions options, IServer server)
{
    /// <summary>
    /// An absolute URL that ASP.NET Core built from the request's scheme and Host (authentication redirects), moved
    /// onto `Hub:PublicUrl` when it is set; unchanged otherwise, or when it is relative.
    /// </summary>
    public string Rebase(string url) =>
        options.PublicUrl is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? Get() + uri.PathAndQuery + uri.Fragment
            : url;

    public string Get(HttpRequest? request = null)
    {
        if (options.PublicUrl is { } configured)
        {
            return configured.GetLeftPart(UriPartial.Path).TrimEnd('/');
        }

        if (request is not null)
        {
            return $"{request.Scheme}://{request.Host}{request.PathBase}";
        }

        var bound = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? HubOptionsReader.DefaultUrl;
        // A wildcard bind is no address to print; the machine's own name reaches it from here at least.
        return bound.Replace("://0.0.0.0", "://localhost").Replace("://[::]", "://localhost").Replace("://+", "://localhost").TrimEnd('/');
    }
}
