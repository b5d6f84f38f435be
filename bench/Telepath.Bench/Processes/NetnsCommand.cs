namespace Telepath.Bench.Processes;

/// <summary>A command line run in a network namespace with <c>ip netns exec</c>, which execs it: the process id stays the command's.</summary>
internal static class NetnsCommand
{
    /// <param name="networkNamespace">Null: the bench's own namespace, the command as it is.</param>
    public static (string File, IReadOnlyList<string> Arguments) In(string? networkNamespace, string tool, IReadOnlyList<string> arguments) =>
        networkNamespace is null ? (tool, arguments) : ("ip", ["netns", "exec", networkNamespace, tool, .. arguments]);
}
