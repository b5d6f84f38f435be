namespace Telepath.Daemon.Tests.Network;

/// <summary>
/// Issue 12: the root helper takes whose traffic it redirects from the kernel rather than from the request.
/// </summary>
public sealed class NetworkHelperSessionTests
{
    private const string ApplyLine =
        """{"op":"apply","clusterRanges":["10.96.0.0/12"],"neverRanges":[],"proxyPort":15001,"dnsPort":15353,"dnsAddress":"127.0.0.153","searchDomains":[]}""";

    [RootFact]
    public async Task The_rules_redirect_the_sessions_user_whatever_the_request_says()
    {
        await using var network = await NetNamespace.CreateAsync();
        await using var helper = await HelperInNamespace.StartAsync(network);
        await using var daemon = SocatClient.Start(helper.SocketPath);

        var answer = await daemon.AskAsync(ApplyLine.Replace("{\"op\"", "{\"uid\":65534,\"userId\":65534,\"skuid\":65534,\"op\"", StringComparison.Ordinal));

        Assert.Null(ErrorOf(answer));
        Assert.Equal([[0u], [0u], [0u]], (await NftTable.ReadAsync(network)).RedirectUsers);
    }

    private static string? ErrorOf(string? answer)
    {
        using var json = System.Text.Json.JsonDocument.Parse(answer ?? "null");
        return json.RootElement.GetProperty("ok").GetBoolean() ? null : json.RootElement.GetProperty("error").GetString();
    }
}
