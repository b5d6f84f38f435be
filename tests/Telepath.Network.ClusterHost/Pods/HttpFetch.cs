namespace Telepath.Network.ClusterHost.Pods;

/// <summary>
/// <c>fetch URL</c>: a .NET HttpClient GET, body to stdout, for a test to run as a process in any
/// namespace (the laptop's): what a local .NET service calling its dependencies does.
/// </summary>
internal static class HttpFetch
{
    public static async Task<int> RunAsync(string url)
    {
        // No proxy: the point is the laptop's own networking, whatever the environment says.
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(20) };
        try
        {
            Console.Write(await client.GetStringAsync(new Uri(url)));
            return 0;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or UriFormatException)
        {
            Console.Error.WriteLine($"fetch {url}: {e.Message}");
            return 1;
        }
    }
}
