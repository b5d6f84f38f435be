using System.CommandLine.Parsing;
using System.Globalization;
using Telepath.Cli.Errors;

namespace Telepath.Cli.Commands.Intercept;

/// <summary>
/// <c>--timeout 60s</c>, <c>2m</c> or plain seconds: how long the agent's rollout may take, and then how
/// long to wait for every agent of the workload to apply the intercept (ACTIVE).
/// </summary>
internal static class InterceptTimeout
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(60);

    public static TimeSpan Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value.Trim() : "";
        var (number, unit) = text.EndsWith('m') ? (text[..^1], 60) : text.EndsWith('s') ? (text[..^1], 1) : (text, 1);
        if (int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 && value * (long)unit <= 3600)
        {
            return TimeSpan.FromSeconds(value * unit);
        }

        UsageErrors.Add(result, $"invalid --timeout \"{text}\": expected a duration like 60s or 2m (at most 1 hour)");
        return Default;
    }
}
