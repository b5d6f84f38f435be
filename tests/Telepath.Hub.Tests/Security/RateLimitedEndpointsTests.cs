using Microsoft.AspNetCore.Http;
using Telepath.Hub.Security;

namespace Telepath.Hub.Tests.Security;

public sealed class RateLimitedEndpointsTests
{
    [Theory]
    [InlineData("POST", "/signin", RateLimitedEndpoint.SignIn)]
    [InlineData("POST", "/SignIn/", RateLimitedEndpoint.SignIn)]
    [InlineData("GET", "/signin", RateLimitedEndpoint.None)]
    [InlineData("POST", "/device", RateLimitedEndpoint.DeviceCodeEntry)]
    [InlineData("POST", "/api/cli/token", RateLimitedEndpoint.CliToken)]
    [InlineData("POST", "/api/cli/device/", RateLimitedEndpoint.CliToken)]
    [InlineData("POST", "/api/cli/revoke", RateLimitedEndpoint.None)]
    public void Requests_that_guess_secrets_are_classified_whatever_their_spelling(string method, string path, RateLimitedEndpoint expected)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;

        Assert.Equal(expected, RateLimitedEndpoints.Of(context.Request));
    }
}
