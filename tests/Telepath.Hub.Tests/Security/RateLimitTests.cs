using System.Net;
using System.Net.Sockets;
using Telepath.Hub.CliAuth;
using Telepath.Hub.Hosting;
using Telepath.Hub.Tests.CliAuth;
using Telepath.Hub.Tests.Infrastructure;

namespace Telepath.Hub.Tests.Security;

public abstract class RateLimitTests(HubDatabaseKind database) : HubTestBase(database)
{
    private static HubOptions ThreePerWindow(HubOptions options) =>
        options with { RateLimits = new RateLimitOptions(SignInPermits: 3, CliTokenPermits: 3, DeviceCodeEntryPermits: 3, Window: TimeSpan.FromMinutes(1)) };

    [HubFact]
    public async Task Sign_in_attempts_past_the_limit_get_429_with_retry_after()
    {
        await using var hub = await StartHubAsync(adjust: ThreePerWindow);
        using var browser = hub.Browser();

        var statuses = new List<HttpStatusCode>();
        HubPage? last = null;
        for (var attempt = 0; attempt < 4; attempt++)
        {
            last = await browser.SignInAsync("nobody@a.example", "wrong password!!");
            statuses.Add(last.Status);
        }

        var form = await browser.GetAsync("/signin");

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(last!.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {last.Headers.RetryAfter}");
        Assert.Equal(HttpStatusCode.OK, form.Status);
    }

    [HubFact]
    public async Task Device_token_polling_past_the_limit_gets_429()
    {
        await using var hub = await StartHubAsync(adjust: ThreePerWindow);
        var cli = new DeviceFlowClient(hub);
        var deviceCode = (await cli.StartAsync()).GetProperty("device_code").GetString()!;

        var polls = new List<HttpStatusCode>();
        for (var poll = 0; poll < 3; poll++)
        {
            polls.Add((await PollStatusAsync(hub, deviceCode)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], polls);
    }

    [HubFact]
    public async Task Behind_a_trusted_proxy_each_forwarded_client_has_its_own_allowance()
    {
        await using var hub = await StartHubAsync(adjust: o => ThreePerWindow(o) with { TrustedProxies = ["127.0.0.1"] });
        var deviceCode = (await new DeviceFlowClient(hub).StartAsync()).GetProperty("device_code").GetString()!;

        // The start came from the proxy itself (no header): the forwarded client has all three of its own.
        var first = new List<HttpStatusCode>();
        for (var poll = 0; poll < 4; poll++)
        {
            first.Add((await PollStatusAsync(hub, deviceCode, forwardedFor: "203.0.113.1")).StatusCode);
        }

        var second = await PollStatusAsync(hub, deviceCode, forwardedFor: "203.0.113.2");

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], first);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
    }

    [HubFact]
    public async Task Without_a_trusted_proxy_a_client_cannot_escape_its_limit_by_naming_another_address()
    {
        await using var hub = await StartHubAsync(adjust: ThreePerWindow);
        var deviceCode = (await new DeviceFlowClient(hub).StartAsync()).GetProperty("device_code").GetString()!;
        for (var poll = 0; poll < 3; poll++)
        {
            await PollStatusAsync(hub, deviceCode, forwardedFor: "203.0.113.1");
        }

        var spoofed = await PollStatusAsync(hub, deviceCode, forwardedFor: "203.0.113.2");

        Assert.Equal(HttpStatusCode.TooManyRequests, spoofed.StatusCode);
    }

    [HubFact]
    public async Task Another_client_address_has_its_own_allowance()
    {
        await using var hub = await StartHubAsync(adjust: ThreePerWindow);
        using var first = hub.Browser();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            await first.SignInAsync("nobody@a.example", "wrong password!!");
        }

        using var other = FromAddress(hub, IPAddress.Parse("127.0.0.2"));
        var form = await HubPage.ReadAsync(await other.GetAsync("/signin"));
        using var post = await other.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = form.AntiforgeryToken,
            ["Email"] = "nobody@a.example",
            ["Password"] = "wrong password!!",
        }));

        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
    }

    private static async Task<HttpResponseMessage> PollStatusAsync(TestHub hub, string deviceCode, string? forwardedFor = null)
    {
        using var client = hub.Api();
        if (forwardedFor is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        }

        return await client.PostAsync("/api/cli/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = CliEndpoints.DeviceCodeGrantType,
            ["device_code"] = deviceCode,
        }));
    }

    /// <summary>A client whose connections come from another loopback address, as a second machine's would.</summary>
    private static HttpClient FromAddress(TestHub hub, IPAddress local) =>
        new(new SocketsHttpHandler
        {
            UseCookies = true,
            CookieContainer = new CookieContainer(),
            AllowAutoRedirect = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(local, 0));
                await socket.ConnectAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        })
        { BaseAddress = hub.BaseAddress };
}

public sealed class RateLimitTestsOnSqlite() : RateLimitTests(HubDatabaseKind.Sqlite);

[OnPostgres]
public sealed class RateLimitTestsOnPostgres() : RateLimitTests(HubDatabaseKind.Postgres);
