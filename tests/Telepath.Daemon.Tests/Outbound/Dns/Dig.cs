using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Telepath.Testing.Processes;

namespace Telepath.Daemon.Tests.Outbound.Dns;

/// <summary>The real <c>dig</c> (dnsutils) against a server on loopback, its output read back into records.</summary>
internal static partial class Dig
{
    public static async Task<DigResult> QueryAsync(IPEndPoint server, string name, string type = "A", params string[] options)
    {
        string[] arguments =
        [
            $"@{server.Address}", "-p", server.Port.ToString(CultureInfo.InvariantCulture), "+tries=1", "+time=5", .. options, name, type,
        ];
        var result = await ProcessRunner.RunAsync("dig", arguments, timeout: TimeSpan.FromSeconds(30));
        var header = HeaderLine().Match(result.Stdout);
        Assert.True(header.Success, $"{result.Command} printed no header:\n{result.Stdout}{result.Stderr}");
        return new DigResult(
            header.Groups["status"].Value,
            int.Parse(header.Groups["id"].Value, CultureInfo.InvariantCulture),
            FlagsLine().Match(result.Stdout).Groups["flags"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            Section(result.Stdout, "ANSWER"),
            Section(result.Stdout, "AUTHORITY"),
            result.Stdout);
    }

    private static DigRecord[] Section(string output, string section)
    {
        var start = output.IndexOf($";; {section} SECTION:\n", StringComparison.Ordinal);
        if (start < 0)
        {
            return [];
        }

        return output[start..].Split('\n').Skip(1)
            .TakeWhile(line => line.Length > 0)
            .Select(line => line.Split((char[])[' ', '\t'], 5, StringSplitOptions.RemoveEmptyEntries))
            .Select(fields => new DigRecord(fields[0], int.Parse(fields[1], CultureInfo.InvariantCulture), fields[3], fields[4]))
            .ToArray();
    }

    [GeneratedRegex(@"->>HEADER<<- opcode: QUERY, status: (?<status>\w+), id: (?<id>\d+)")]
    private static partial Regex HeaderLine();

    [GeneratedRegex(@";; flags: (?<flags>[a-z ]+);")]
    private static partial Regex FlagsLine();
}

internal sealed record DigRecord(string Name, int Ttl, string Type, string Data);

internal sealed record DigResult(string Status, int Id, string[] Flags, DigRecord[] Answers, DigRecord[] Authority, string Output)
{
    public string[] Addresses => Answers.Where(record => record.Type is "A" or "AAAA").Select(record => record.Data).Order(StringComparer.Ordinal).ToArray();
}
