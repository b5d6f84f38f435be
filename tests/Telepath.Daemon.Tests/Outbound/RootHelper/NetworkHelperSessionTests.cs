using System.Diagnostics;
using Telepath.Daemon.Outbound.RootHelper;
using Telepath.Testing.Polling;

namespace Telepath.Daemon.Tests.Outbound.RootHelper;

/// <summary>
/// Issue 12: the root helper serves its first session only, takes whose traffic it redirects from the
/// kernel rather than from the request, and reads no request line past its bound.
/// </summary>
public sealed class NetworkHelperSessionTests
{
    private const string ApplyLine =
        """{"op":"apply","clusterRanges":["10.96.0.0/12"],"neverRanges":[],"proxyPort":15001,"dnsPort":15353,"dnsAddress":"127.0.0.153","searchDomains":[]}""";

    [RootFact]
    public async Task A_second_connection_while_a_session_is_open_is_refused_with_one_line_and_changes_nothing()
    {
        await using var network = await NetNamespace.CreateAsync();
        await using var helper = await HelperInNamespace.StartAsync(network);
        await using var session = await helper.ConnectAsync();
        Assert.True((await session.ApplyAsync(Apply(), CancellationToken.None)).Ok);
        var rulesetWithSession = await network.RulesetAsync();

        // The same user as the session, so only the rule of one session stands in its way.
        await using var second = SocatClient.Start(helper.SocketPath);
        var answer = await second.AskAsync("""{"op":"remove"}""");

        Assert.Matches(
            @"^refused: this Telepath network helper serves one session only, already that of process \d+ \(user 0\); run telepath quit, then connect again$",
            ErrorOf(answer));
        Assert.Null(await second.ReadLineAsync());
        Assert.Equal(rulesetWithSession, await network.RulesetAsync());
        Assert.True((await session.ApplyAsync(Apply(), CancellationToken.None)).Ok, "the session is still served");
    }

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

    [RootFact]
    public async Task A_request_line_longer_than_the_bound_is_refused_before_it_is_all_sent_and_the_session_ends()
    {
        await using var network = await NetNamespace.CreateAsync();
        var rulesetBefore = await network.RulesetAsync();
        await using var helper = await HelperInNamespace.StartAsync(network);

        using var daemon = Process.Start(new ProcessStartInfo("python3", ["-c", SendsAnEndlessLine, helper.SocketPath])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = await daemon.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await daemon.WaitForExitAsync();

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 2, output + await daemon.StandardError.ReadToEndAsync());
        Assert.Equal("sending stopped: the helper closed the connection", lines[0]);
        Assert.Equal("refused: a request line is longer than 512 KiB; send one JSON object a line, each shorter", ErrorOf(lines[1]));
        await Poll.UntilAsync(() => Task.FromResult(helper.HasExited), () => "the helper still runs after its session ended");
        Assert.Equal(rulesetBefore, await network.RulesetAsync());
    }

    // 64 MiB and then a newline: a helper that read whole lines would take it all and answer that it is no JSON.
    private const string SendsAnEndlessLine = """
        import socket, sys
        s = socket.socket(socket.AF_UNIX)
        s.connect(sys.argv[1])
        try:
            s.sendall(b'{"op":"apply","searchDomains":["' + b'a' * (64 << 20) + b'"]}\n')
            print("sent it all")
        except (BrokenPipeError, ConnectionResetError):
            print("sending stopped: the helper closed the connection")
        print(s.makefile().readline().strip())
        """;

    private static HelperRequest Apply() =>
        HelperRequest.Apply(["10.96.0.0/12"], [], 15001, 15353, "127.0.0.153", ["svc.cluster.local"], ["cluster.local"]);

    private static string? ErrorOf(string? answer)
    {
        using var json = System.Text.Json.JsonDocument.Parse(answer ?? "null");
        return json.RootElement.GetProperty("ok").GetBoolean() ? null : json.RootElement.GetProperty("error").GetString();
    }
}
