using Telepath.Cli.Commands.Intercept;
using Telepath.Core;
using Telepath.Protocol.Daemon;

namespace Telepath.Cli.Tests.Intercept;

public sealed class IngressQuestionsTests
{
    private static readonly IngressInfo Detected = new() { Host = "ingress-nginx-controller.ingress-nginx", Port = 80, UseTls = false, L5Host = "shop.example.com", Source = "Ingress default/shop" };

    [Fact]
    public async Task Enter_takes_every_detected_default()
    {
        var prompts = new StringWriter();

        var chosen = await new IngressQuestions(new StringReader("\n\n\n"), prompts, interactive: true).AskAsync(Detected, null, null, null, null);

        Assert.Equal(new IngressInfo(Detected), chosen);
        Assert.Equal(
            "1/3: Which ingress should preview requests go to (a host, IP or SERVICE.NAMESPACE)? (detected: Ingress default/shop) [default: ingress-nginx-controller.ingress-nginx]: " +
            "2/3: Which TCP port of the ingress? [default: 80]: " +
            "3/3: Does that port use TLS (y/n)? [default: n]: ",
            prompts.ToString());
    }

    [Fact]
    public async Task Answers_replace_the_defaults_and_a_new_host_is_also_the_l5_host()
    {
        var chosen = await new IngressQuestions(new StringReader("edge.example.com\n8443\nyes\n"), new StringWriter(), interactive: true).AskAsync(Detected, null, null, null, null);

        Assert.Equal(("edge.example.com", 8443, true, "edge.example.com"), (chosen.Host, chosen.Port, chosen.UseTls, chosen.L5Host));
    }

    [Fact]
    public async Task A_wrong_answer_is_asked_again()
    {
        var prompts = new StringWriter();

        var chosen = await new IngressQuestions(new StringReader("\n99999\n443\nmaybe\ny\n"), prompts, interactive: true).AskAsync(Detected, null, null, null, null);

        Assert.Equal((443, true), (chosen.Port, chosen.UseTls));
        Assert.Contains("\"99999\" is not an answer to that", prompts.ToString());
        Assert.Contains("\"maybe\" is not an answer to that", prompts.ToString());
    }

    [Fact]
    public async Task Flags_answer_their_questions_and_nothing_is_asked()
    {
        var prompts = new StringWriter();

        var chosen = await new IngressQuestions(new StringReader(""), prompts, interactive: true).AskAsync(Detected, "10.0.0.5", 8080, false, "orders.local");

        Assert.Equal(("10.0.0.5", 8080, false, "orders.local"), (chosen.Host, chosen.Port, chosen.UseTls, chosen.L5Host));
        Assert.Equal("", prompts.ToString());
    }

    [Fact]
    public async Task Without_a_terminal_the_defaults_are_used_and_nothing_waits_for_input()
    {
        var prompts = new StringWriter();

        var chosen = await new IngressQuestions(new BlockingReader(), prompts, interactive: false).AskAsync(Detected, null, null, null, null);

        Assert.Equal(new IngressInfo(Detected), chosen);
        Assert.Equal("", prompts.ToString());
    }

    [Fact]
    public async Task Without_a_terminal_or_a_detected_ingress_the_flags_to_pass_are_named()
    {
        var error = await Assert.ThrowsAsync<UserErrorException>(() =>
            new IngressQuestions(new BlockingReader(), new StringWriter(), interactive: false).AskAsync(new IngressInfo(), null, null, null, null));

        Assert.Equal("no ingress was found to default to; pass --ingress-host HOST and --ingress-port PORT", error.Message);
    }

    // Any read is a bug here: the questions must not wait for a terminal that is not there.
    private sealed class BlockingReader : TextReader
    {
        public override string ReadLine() => throw new InvalidOperationException("read without a terminal");

        public override ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken) => throw new InvalidOperationException("read without a terminal");

        public override Task<string?> ReadLineAsync() => throw new InvalidOperationException("read without a terminal");
    }
}
