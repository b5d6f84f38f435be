using System.Net;
using System.Text.RegularExpressions;
using k8s.Models;

namespace Telepath.TrafficManager.Cluster;

/// <summary>
/// Reads the service range out of the 422 an API server sends when a Service asks for a cluster IP
/// outside it (pkg/registry/core/service: the allocator's ErrNotInRange, wrapped by the Service
/// storage in a field error). Only the exact wordings real API servers have used are read, and
/// only about the address asked for; anything else is no answer, never a guess.
/// </summary>
public static class OutOfRangeRefusal
{
    // ${ip} is the address asked for, escaped; ${range} what the server names. Newest first:
    // 1.34+ renders the field's value as JSON; 1.27–1.33 as Go ([]string{...}) and say "the provided
    // IP (X)"; 1.21–1.26 say "provided IP"; 1.20 said "failed to allocated ip:X with error:"; before
    // dual-stack (1.8–1.19) the field was spec.clusterIP and its value a string.
    private static readonly (string Field, string Pattern)[] Wordings =
    [
        ("spec.clusterIPs", @"\[""${ip}""\]: failed to allocate IP ${ip}: the provided IP \(${ip}\) is not in the valid range"),
        ("spec.clusterIPs", @"\[\]string\{""${ip}""\}: failed to allocate IP ${ip}: the provided IP \(${ip}\) is not in the valid range"),
        ("spec.clusterIPs", @"\[\]string\{""${ip}""\}: failed to allocate IP ${ip}: provided IP is not in the valid range"),
        ("spec.clusterIPs", @"\[\]string\{""${ip}""\}: failed to allocated ip:${ip} with error:provided IP is not in the valid range"),
        ("spec.clusterIP", @"""${ip}"": provided IP is not in the valid range"),
    ];

    /// <param name="status">The Status the API server answered the dry-run create with.</param>
    /// <param name="asked">The cluster IP the refused Service asked for.</param>
    /// <returns>The range the server names, or null when the answer is not that refusal.</returns>
    public static IPNetwork? RangeIn(V1Status? status, IPAddress asked)
    {
        if (status is not { Code: 422, Reason: "Invalid", Details: { Kind: "Service", Causes: { } causes } })
        {
            return null;
        }

        var ip = Regex.Escape(asked.ToString());
        foreach (var cause in causes.Where(c => c.Reason == "FieldValueInvalid"))
        {
            foreach (var (field, pattern) in Wordings.Where(w => w.Field == cause.Field))
            {
                var wording = new Regex(
                    $"^Invalid value: {pattern.Replace("${ip}", ip, StringComparison.Ordinal)}\\. The range of valid IPs is (?<range>[0-9A-Fa-f.:]+/[0-9]{{1,3}})$",
                    RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                if (wording.Match(cause.Message ?? "") is { Success: true } match
                    && RangeRules.Parse(match.Groups["range"].Value) is { } range
                    && range.BaseAddress.AddressFamily == asked.AddressFamily
                    && !range.Contains(asked))
                {
                    return range;
                }
            }
        }

        return null;
    }
}
