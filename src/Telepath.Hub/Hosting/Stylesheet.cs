namespace Telepath.Hub.Hosting;

/// <summary>
/// The one stylesheet, embedded in the assembly: no static-file folder to find at run time (tests run the hub
/// from another directory) and nothing fetched from a CDN.
/// </summary>
public static class Stylesheet
{
    public const string Path = "/hub.css";

    private static readonly Lazy<byte[]> s_content = new(() =>
    {
        using var stream = typeof(Stylesheet).Assembly.GetManifestResourceStream("Telepath.Hub.hub.css")!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public static IEndpointRouteBuilder MapStylesheet(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, (HttpResponse response) =>
        {
            response.Headers.CacheControl = "public, max-age=3600";
            return Results.Bytes(s_content.Value, "text/css; charset=utf-8");
        }).AllowAnonymous();
        return endpoints;
    }
}
