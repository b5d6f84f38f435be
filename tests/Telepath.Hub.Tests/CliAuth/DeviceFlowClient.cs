using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telepath.Hub.CliAuth;
using Telepath.Hub.Tests.Infrastructure;

namespace Telepath.Hub.Tests.CliAuth;

/// <summary>What the CLI does in RFC 8628, over real HTTP: start, then poll the token endpoint.</summary>
public sealed class DeviceFlowClient(TestHub hub)
{
    /// <param name="organisation">`org`, as `telepath login --org` sends it.</param>
    public async Task<JsonElement> StartAsync(string clientName = "telepath on laptop", string? organisation = null)
    {
        using var client = hub.Api();
        var parameters = new Dictionary<string, string> { ["client_name"] = clientName };
        if (organisation is not null)
        {
            parameters["org"] = organisation;
        }

        var response = await client.PostAsync("/api/cli/device", new FormUrlEncodedContent(parameters));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <returns>The status and either `access_token` or `error`.</returns>
    public async Task<(HttpStatusCode Status, string? AccessToken, string? Error)> PollAsync(string deviceCode)
    {
        using var client = hub.Api();
        var response = await client.PostAsync("/api/cli/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = CliEndpoints.DeviceCodeGrantType,
            ["device_code"] = deviceCode,
        }));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (
            response.StatusCode,
            body.TryGetProperty("access_token", out var token) ? token.GetString() : null,
            body.TryGetProperty("error", out var error) ? error.GetString() : null);
    }
}
