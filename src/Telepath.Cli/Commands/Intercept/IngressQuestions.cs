using Telepath.Core;
using Telepath.Protocol.Daemon;

namespace Telepath.Cli.Commands.Intercept;

/// <summary>
/// The three questions of a preview URL: the ingress (host or SERVICE.NAMESPACE), its port, and
/// TLS. A flag answers its question; Enter takes the detected default; without a terminal on stdin
/// nothing is asked and the defaults are used, so a script never hangs.
/// </summary>
internal sealed class IngressQuestions(TextReader input, TextWriter prompts, bool interactive)
{
    private const int Attempts = 3;

    public static IngressQuestions ForConsole() => new(Console.In, Console.Error, !Console.IsInputRedirected);

    public async Task<IngressInfo> AskAsync(IngressInfo detected, string? host, int? port, bool? tls, string? l5Host)
    {
        var hasDefault = detected.Host.Length > 0;
        var chosenHost = host ?? await AskAsync(
            $"1/3: Which ingress should preview requests go to (a host, IP or SERVICE.NAMESPACE)?{Source(detected)}",
            hasDefault ? detected.Host : null,
            answer => !answer.Contains(' ', StringComparison.Ordinal)).ConfigureAwait(false);
        var chosenPort = port ?? int.Parse(await AskAsync(
            "2/3: Which TCP port of the ingress?",
            hasDefault ? detected.Port.ToString() : null,
            answer => int.TryParse(answer, out var p) && p is > 0 and < 65536).ConfigureAwait(false));
        var chosenTls = tls ?? IsYes(await AskAsync(
            "3/3: Does that port use TLS (y/n)?",
            detected.UseTls ? "y" : "n",
            answer => IsYes(answer) || answer.ToLowerInvariant() is "n" or "no").ConfigureAwait(false));
        var chosenL5 = l5Host ?? (chosenHost == detected.Host && detected.L5Host.Length > 0 ? detected.L5Host : chosenHost);
        var asDetected = chosenHost == detected.Host && chosenPort == detected.Port && chosenTls == detected.UseTls;
        return new IngressInfo { Host = chosenHost, Port = chosenPort, UseTls = chosenTls, L5Host = chosenL5, Source = asDetected ? detected.Source : "" };
    }

    /// <summary>The answers in one line, so that a run without a terminal shows what it chose.</summary>
    public static string Describe(IngressInfo ingress) =>
        $"Preview requests go to {ingress.Host}:{ingress.Port} ({(ingress.UseTls ? "TLS" : "cleartext")}, Host {ingress.L5Host})"
        + (ingress.Source.Length > 0 ? $"; detected from {ingress.Source}" : "");

    private static bool IsYes(string answer) => answer.ToLowerInvariant() is "y" or "yes";

    private static string Source(IngressInfo detected) => detected.Source.Length > 0 ? $" (detected: {detected.Source})" : "";

    private async Task<string> AskAsync(string question, string? fallback, Func<string, bool> valid)
    {
        if (!interactive)
        {
            return fallback ?? throw new UserErrorException("no ingress was found to default to; pass --ingress-host HOST and --ingress-port PORT");
        }

        var shown = fallback is null ? "" : $" [default: {fallback}]";
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            await prompts.WriteAsync($"{question}{shown}: ").ConfigureAwait(false);
            var answer = (await input.ReadLineAsync().ConfigureAwait(false))?.Trim();
            if (answer is null or "")
            {
                if (fallback is not null)
                {
                    return fallback;
                }

                if (answer is null)
                {
                    break;
                }

                continue;
            }

            if (valid(answer))
            {
                return answer;
            }

            await prompts.WriteLineAsync($"  \"{answer}\" is not an answer to that").ConfigureAwait(false);
        }

        throw new UserErrorException("the ingress questions were not answered; pass --ingress-host, --ingress-port and --ingress-tls instead");
    }
}
