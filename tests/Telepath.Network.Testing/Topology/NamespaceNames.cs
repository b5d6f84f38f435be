using System.Globalization;
using System.Text.RegularExpressions;

namespace Telepath.Network.Testing.Topology;

/// <summary>
/// Names of one topology's namespaces and links: <c>tp&lt;pid&gt;x&lt;n&gt;-laptop</c> and so on, unique
/// per test and traceable to the test process, so a later run can tell its dead predecessors' leftovers.
/// </summary>
public sealed partial record NamespaceNames(int ProcessId, int Number)
{
    public string Prefix => string.Create(CultureInfo.InvariantCulture, $"tp{ProcessId}x{Number}");

    public string Laptop => $"{Prefix}-laptop";

    public string Api => $"{Prefix}-api";

    public string Cluster => $"{Prefix}-cluster";

    public IReadOnlyList<string> All => [Laptop, Api, Cluster];

    /// <summary>A veth end's name; at most 15 bytes (IFNAMSIZ), which the namespace names may exceed.</summary>
    public string Link(char end) => $"{Prefix}{end}";

    /// <summary>The id of the process that made <paramref name="namespaceName"/>, when it is one of ours.</summary>
    public static int? OwnerOf(string namespaceName) =>
        Ours().Match(namespaceName) is { Success: true } match ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    [GeneratedRegex(@"^tp(\d+)x\d+-(laptop|api|cluster)$")]
    private static partial Regex Ours();
}
