using Telepath.Bench.Processes;

namespace Telepath.Bench.Load;

/// <summary>
/// Where a load tool sends its requests, and the network namespace it runs in (null: the bench's
/// own), so the same client can be run on the laptop's side and inside the cluster.
/// </summary>
internal sealed record LoadPath(string What, string Url, string? Namespace = null)
{
    /// <summary>The command line of <paramref name="tool"/>, run in the path's namespace.</summary>
    public (string File, IReadOnlyList<string> Arguments) Command(string tool, IReadOnlyList<string> arguments) =>
        NetnsCommand.In(Namespace, tool, arguments);
}
