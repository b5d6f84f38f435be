using Telepath.Tunnels.Volumes;

namespace Telepath.TrafficAgent.Volumes;

/// <summary>One volume the agent serves: where the app container mounts it, and where the agent sees it.</summary>
/// <param name="MountPath">The app container's mount path: what the laptop asks for and mounts beneath its own directory.</param>
/// <param name="SourceDir">Where the agent's own container sees the same volume.</param>
public sealed record VolumeMount(string MountPath, string SourceDir, bool ReadOnly)
{
    private const string ReadOnlySuffix = ":ro";

    /// <summary>Parses a <c>--volume</c> value, <c>MOUNTPATH=SOURCEDIR[:ro]</c>.</summary>
    /// <returns>The volume, or null and a one-line reason.</returns>
    public static (VolumeMount? Volume, string? Error) Parse(string value)
    {
        var equals = value.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0)
        {
            return (null, $"invalid --volume \"{value}\": expected MOUNTPATH=SOURCEDIR or MOUNTPATH=SOURCEDIR:ro");
        }

        var mountPath = value[..equals];
        var source = value[(equals + 1)..];
        var readOnly = source.EndsWith(ReadOnlySuffix, StringComparison.Ordinal);
        if (readOnly)
        {
            source = source[..^ReadOnlySuffix.Length];
        }

        if (!VolumeList.IsSafePath(mountPath))
        {
            return (null, $"invalid --volume \"{value}\": the mount path must be absolute, not \"/\", without \".\", \"..\" or a trailing \"/\"");
        }

        if (!Path.IsPathFullyQualified(source))
        {
            return (null, $"invalid --volume \"{value}\": the source directory must be an absolute path");
        }

        return (new VolumeMount(mountPath, source, readOnly), null);
    }
}
