using Telepath.Hub.Hosting;

namespace Telepath.Hub.Previews;

/// <summary>
/// Where previews and the hub are, for links and redirects. A preview's origin has the hub's scheme and port
/// (one listener, one TLS proxy serve both) and the host `&lt;id&gt;.&lt;PreviewDomain&gt;`.
/// </summary>
public sealed class PreviewUrls(HubOptions options, PublicBaseUrl publicUrl)
{
    /// <summary>`http://&lt;id&gt;.localhost:5080`, without a trailing slash.</summary>
    /// <param name="request">A request to the hub itself (its scheme and port), when there is one.</param>
    public string Origin(string id, HttpRequest? request = null)
    {
        var hub = new Uri(publicUrl.Get(request));
        var port = hub.IsDefaultPort ? "" : $":{hub.Port}";
        return $"{hub.Scheme}://{id}.{options.PreviewDomain}{port}";
    }

    /// <summary>The hub's own base, as seen from a request that came to a preview host (whose Host is no use).</summary>
    public string Hub() => publicUrl.Get();
}
