using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Telepath.Core;

namespace Telepath.Hub.Client;

/// <summary>
/// The hub's API as the CLI and the daemon use it. Every failure is a <see cref="UserErrorException"/>
/// naming the hub and what to do: an unreachable hub, a revoked or expired token, a refusal.
/// </summary>
public sealed class HubClient : IDisposable
{
    public const string ClientId = "telepath-cli";

    private readonly HttpClient _http;

    public HubClient(Uri hub, string? token = null, HttpMessageHandler? handler = null)
    {
        Hub = hub;
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.BaseAddress = hub;
        _http.Timeout = TimeSpan.FromSeconds(30);
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("telepath", TelepathVersion.Current.TrimStart('v')));
        if (token is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    public Uri Hub { get; }

    /// <exception cref="UserErrorException">The text is not an http(s) URL.</exception>
    public static Uri ParseHubUrl(string text) =>
        Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? new Uri(uri.GetLeftPart(UriPartial.Authority) + "/")
            : throw new UserErrorException($"\"{text}\" is not a hub URL; give it as https://HOST[:PORT]");

    /// <param name="organisation">The organisation to preselect on the approval page (`org`, Telepath's own parameter).</param>
    public async Task<DeviceAuthorization> StartDeviceLoginAsync(string? organisation, CancellationToken cancellationToken)
    {
        List<KeyValuePair<string, string>> parameters = [new("client_id", ClientId)];
        if (organisation is not null)
        {
            parameters.Add(new("org", organisation));
        }

        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, "api/cli/device")
        {
            Content = new FormUrlEncodedContent(parameters),
        }, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<DeviceAuthorization>(response, cancellationToken).ConfigureAwait(false);
    }

    public async Task<DevicePoll> PollDeviceTokenAsync(string deviceCode, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, "api/cli/token")
        {
            Content = new FormUrlEncodedContent(
            [
                new("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
                new("device_code", deviceCode),
                new("client_id", ClientId),
            ]),
        }, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return new DevicePoll(null, "slow_down");
        }

        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            var error = await ReadAsync<TokenError>(response, cancellationToken).ConfigureAwait(false);
            return new DevicePoll(null, error.Error);
        }

        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        var token = await ReadAsync<TokenResponse>(response, cancellationToken).ConfigureAwait(false);
        return new DevicePoll(token.AccessToken, null);
    }

    public async Task<HubIdentity> WhoAmIAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, "api/cli/me"), cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<HubIdentity>(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Revokes the token this client signs in with.</summary>
    public async Task RevokeAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, "api/cli/revoke"), cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
    }

    public async Task<PreviewInfo> CreatePreviewAsync(PreviewCreation preview, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, "api/previews") { Content = JsonContent.Create(preview) }, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<PreviewInfo>(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends a preview; one that is already gone is not an error.</summary>
    public async Task DeletePreviewAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Delete, $"api/previews/{Uri.EscapeDataString(id)}"), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The caller's active previews. The hub also takes the call as a sign that their laptop is
    /// still there, so previews of a laptop that vanished end on their own.
    /// </summary>
    public async Task<IReadOnlyList<PreviewInfo>> ListMyPreviewsAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, "api/previews/mine"), cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<List<PreviewInfo>>(response, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        using var message = request();
        try
        {
            return await _http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new UserErrorException($"cannot reach the hub at {Hub}: {e.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new UserErrorException($"the hub at {Hub} did not answer within {_http.Timeout.TotalSeconds:0} s");
        }
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            throw new UserErrorException($"the hub at {Hub} no longer accepts this login (revoked or expired); run \"telepath login\"");
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        throw new UserErrorException($"the hub at {Hub} refused ({(int)response.StatusCode} {response.ReasonPhrase}){Detail(body)}");
    }

    // The hub's errors are {"error": code, "error_description": text}; anything else short is shown as it is.
    private static string Detail(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var code))
            {
                return root.TryGetProperty("error_description", out var text) ? $": {text.GetString()} ({code.GetString()})" : $": {code.GetString()}";
            }
        }
        catch (JsonException)
        {
        }

        return body.Length is > 0 and < 300 && !body.TrimStart().StartsWith('<') ? $": {body.Trim()}" : "";
    }

    private async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(cancellationToken).ConfigureAwait(false)
                ?? throw new JsonException("empty body");
        }
        catch (JsonException e)
        {
            throw new UserErrorException($"the hub at {Hub} answered something that is not its API ({e.Message}); check the URL");
        }
    }

    private sealed record TokenResponse([property: JsonPropertyName("access_token")] string AccessToken);

    private sealed record TokenError([property: JsonPropertyName("error")] string Error);
}
