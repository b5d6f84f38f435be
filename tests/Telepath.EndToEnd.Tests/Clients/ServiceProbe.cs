using System.Net;

namespace Telepath.EndToEnd.Tests.Clients;

/// <summary>
/// Calls the workload's service as another pod would. Every call uses a new TCP connection: a global
/// intercept takes new connections, and one kept alive from before would still reach the app.
/// </summary>
public static class ServiceProbe
{
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(20);

    public static HttpClient NewClient(int maxConnections = int.MaxValue) => new(new SocketsHttpHandler
    {
        UseProxy = false,
        PooledConnectionLifetime = maxConnections == 1 ? Timeout.InfiniteTimeSpan : TimeSpan.Zero,
        MaxConnectionsPerServer = maxConnections,
        AllowAutoRedirect = false,
    })
    { Timeout = RequestTimeout };

    /// <summary>GET a path and return the status and the body trimmed of its line end.</summary>
    public static async Task<(HttpStatusCode Status, string Body)> GetAsync(string url, params (string Name, string Value)[] headers)
    {
        using var client = NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await client.SendAsync(request);
        return (response.StatusCode, (await response.Content.ReadAsStringAsync()).TrimEnd('\n'));
    }

    /// <summary>
    /// Who served `GET /whoami`: "cluster", "laptop" or "laptop2"; or what went wrong, as a value, so
    /// that polling goes on through a failure.
    /// </summary>
    public static async Task<string> WhoAsync(string serviceUrl, params (string Name, string Value)[] headers)
    {
        try
        {
            var (status, body) = await GetAsync($"{serviceUrl}/whoami", headers);
            return status == HttpStatusCode.OK ? body : $"{(int)status} {body}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return $"failed: {e.Message}";
        }
    }
}
