using System.Text.Json;
using System.Text.Json.Serialization;

namespace Telepath.Tunnels.Volumes;

/// <summary>One volume an agent serves: the app container's mount path, and whether the app may write it.</summary>
public sealed record VolumeEntry(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("readOnly")] bool ReadOnly);

/// <summary>
/// What an agent answers a <c>telepath-volume</c>-less volumes tunnel with (docs/protocol.md,
/// "Volumes"): its volumes as JSON, <c>{"volumes":[{"path":"/etc/config","readOnly":true}]}</c>.
/// The laptop reads it as hostile: a bounded size, absolute normalized paths only, no duplicates.
/// </summary>
public sealed record VolumeList([property: JsonPropertyName("volumes")] IReadOnlyList<VolumeEntry> Volumes)
{
    /// <summary>The most bytes a list may take on the wire.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>The most volumes a list may name (a pod spec allows far fewer mounts in practice).</summary>
    public const int MaxVolumes = 256;

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, VolumeListJson.Default.VolumeList);

    /// <returns>The list, or null and why it is refused.</returns>
    public static (VolumeList? List, string? Error) Parse(ReadOnlySpan<byte> json)
    {
        if (json.Length > MaxBytes)
        {
            return (null, $"the agent's volume list is larger than {MaxBytes} bytes");
        }

        VolumeList? list;
        try
        {
            list = JsonSerializer.Deserialize(json, VolumeListJson.Default.VolumeList);
        }
        catch (JsonException e)
        {
            return (null, $"the agent's volume list is not valid JSON: {e.Message}");
        }

        if (list?.Volumes is null)
        {
            return (null, "the agent's volume list has no \"volumes\"");
        }

        if (list.Volumes.Count > MaxVolumes)
        {
            return (null, $"the agent's volume list names more than {MaxVolumes} volumes");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var volume in list.Volumes)
        {
            if (volume?.Path is not { } path || !IsSafePath(path))
            {
                return (null, $"the agent's volume list names an unusable path \"{volume?.Path}\"");
            }

            if (!seen.Add(path))
            {
                return (null, $"the agent's volume list names \"{path}\" twice");
            }
        }

        return (list, null);
    }

    /// <summary>
    /// An absolute path with no empty, "." or ".." segment and no control characters, not "/" itself:
    /// a path the laptop may join to its mount directory without leaving it.
    /// </summary>
    public static bool IsSafePath(string path)
    {
        if (path.Length is < 2 or > 4096 || path[0] != '/' || path.EndsWith('/'))
        {
            return false;
        }

        foreach (var segment in path[1..].Split('/'))
        {
            if (segment.Length == 0 || segment is "." or ".." || segment.Any(char.IsControl))
            {
                return false;
            }
        }

        return true;
    }
}

[JsonSerializable(typeof(VolumeList))]
internal sealed partial class VolumeListJson : JsonSerializerContext;
