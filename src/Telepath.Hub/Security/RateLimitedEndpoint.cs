namespace Telepath.Hub.Security;

/// <summary>The requests that guess at secrets (passwords, user codes, device codes), each limited per client IP address.</summary>
public enum RateLimitedEndpoint
{
    None,

    /// <summary>POST /signin.</summary>
    SignIn,

    /// <summary>POST /device: entering a user code.</summary>
    DeviceCodeEntry,

    /// <summary>POST /api/cli/device and /api/cli/token: starting and polling the device flow.</summary>
    CliToken,
}

public static class RateLimitedEndpoints
{
    public static RateLimitedEndpoint Of(HttpRequest request)
    {
        if (!HttpMethods.IsPost(request.Method))
        {
            return RateLimitedEndpoint.None;
        }

        // Routing also takes "/signin/", so the limit must too.
        var path = (request.Path.Value ?? "").TrimEnd('/');
        if (path.Equals("/signin", StringComparison.OrdinalIgnoreCase))
        {
            return RateLimitedEndpoint.SignIn;
        }

        if (path.Equals("/device", StringComparison.OrdinalIgnoreCase))
        {
            return RateLimitedEndpoint.DeviceCodeEntry;
        }

        return path.Equals("/api/cli/token", StringComparison.OrdinalIgnoreCase) || path.Equals("/api/cli/device", StringComparison.OrdinalIgnoreCase)
            ? RateLimitedEndpoint.CliToken
            : RateLimitedEndpoint.None;
    }
}
