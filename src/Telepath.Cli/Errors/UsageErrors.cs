using System.Collections.Concurrent;
using System.CommandLine.Parsing;

namespace Telepath.Cli.Errors;

/// <summary>
/// Usage errors that Telepath's own validators report. They are complete sentences and printed as
/// they are; System.CommandLine's generic ones get a pointer to the command's help.
/// </summary>
internal static class UsageErrors
{
    private static readonly ConcurrentDictionary<string, byte> Own = new(StringComparer.Ordinal);

    public static void Add(SymbolResult result, string message)
    {
        Own.TryAdd(message, 0);
        result.AddError(message);
    }

    public static bool IsOwn(string message) => Own.ContainsKey(message);
}
