namespace Telepath.Bench.Load;

/// <summary>
/// Where a load tool sends its requests, and the network namespace it runs in (null: the bench's
/// own), so the same client can be run on the laptop's side and inside the cluster.
/// </summary>
internal sealed record LoadPath(string What, string Url, string? Namespace = null)
{
    /// <summary>The command line of <paramref name="tool"/>, wrapped in <c>ip netns exec</c> when the path has a namespace (which execs it: the process id stays the tool's).</summary>
    public (string File, IReadOnlyList<string> Arguments) Command(string tool, IReadOnlyList<string> arguments) =>
        Namespace is null ? (tool, arguments) : ("ip", ["netns", "exec", Namespace, tool, .. arguments]);
}
