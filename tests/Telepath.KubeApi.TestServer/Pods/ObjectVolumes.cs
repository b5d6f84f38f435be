using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Storage;

namespace Telepath.KubeApi.TestServer.Pods;

/// <summary>
/// A pod's configMap, secret and emptyDir volumes as the kubelet mounts them when the pod starts:
/// DIRECTORY/VOLUME. A ConfigMap's or Secret's keys (or its <c>items</c>, at their paths) are files
/// in the kubelet's atomic-writer layout: a timestamped <c>..YYYY_MM_DD_HH_MM_SS.N</c> directory, a
/// <c>..data</c> symlink to it, and for each top-level name a relative symlink <c>NAME -&gt; ..data/NAME</c>;
/// file modes are the item's <c>mode</c>, else the volume's <c>defaultMode</c> (0644). A ConfigMap or
/// Secret that does not exist yet is waited for, as the kubelet retries its mount; an optional one that
/// does not exist is an empty volume. An emptyDir is an empty directory shared by the pod's containers.
/// Contents are written once: later changes to the objects are not seen.
/// </summary>
internal sealed class ObjectVolumes : IDisposable
{
    private const int DefaultMode = 0b110_100_100;

    private readonly Dictionary<string, string> directories;
    private readonly HashSet<string> emptyDirs;

    private ObjectVolumes(string directory, Dictionary<string, string> directories, HashSet<string> emptyDirs)
    {
        Directory = directory;
        this.directories = directories;
        this.emptyDirs = emptyDirs;
    }

    /// <summary>The pod's directory of volumes, removed when the pod goes.</summary>
    public string Directory { get; }

    public static async Task<ObjectVolumes> MountAsync(JsonObject pod, string directory, ObjectStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var directories = new Dictionary<string, string>(StringComparer.Ordinal);
        var emptyDirs = new HashSet<string>(StringComparer.Ordinal);
        var volumes = new ObjectVolumes(directory, directories, emptyDirs);
        try
        {
            foreach (var volume in pod.Array("spec.volumes").OfType<JsonObject>())
            {
                var name = volume.Str("name") ?? "";
                IReadOnlyList<(string Path, byte[] Content, int Mode)>? files = null;
                if (volume["emptyDir"] is JsonObject)
                {
                    emptyDirs.Add(name);
                }
                else if (volume["configMap"] is JsonObject configMap)
                {
                    files = Project(configMap, await ContentsAsync(store, ResourceCatalog.ConfigMaps, pod.Namespace(), configMap.Str("name"), configMap, cancellationToken));
                }
                else if (volume["secret"] is JsonObject secret)
                {
                    files = Project(secret, await ContentsAsync(store, ResourceCatalog.Secrets, pod.Namespace(), secret.Str("secretName"), secret, cancellationToken));
                }
                else
                {
                    continue;
                }

                var local = System.IO.Directory.CreateDirectory(Path.Combine(directory, name)).FullName;
                directories[name] = local;
                if (files is not null)
                {
                    WriteAtomically(local, files, time);
                }
            }

            return volumes;
        }
        catch
        {
            volumes.Dispose();
            throw;
        }
    }

    /// <summary>Mount path in the container → where that is on this machine, for the mounts of these volumes.</summary>
    public IReadOnlyDictionary<string, string> MountsOf(JsonObject container)
    {
        var mounts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var mount in container.Array("volumeMounts").OfType<JsonObject>())
        {
            var name = mount.Str("name") ?? "";
            if (directories.TryGetValue(name, out var local) && mount.Str("mountPath") is { Length: > 0 } mountPath)
            {
                var path = mount.Str("subPath") is { Length: > 0 } subPath ? Path.Combine(local, subPath) : local;
                if (emptyDirs.Contains(name))
                {
                    // The kubelet creates a missing subPath of a writable volume.
                    System.IO.Directory.CreateDirectory(path);
                }

                mounts[mountPath] = path;
            }
        }

        return mounts;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Gone already (with the token volumes), or still held open by a process that is going.
        }
    }

    // Key → content, from the stored object; waits for a missing one unless the volume is optional.
    private static async Task<IReadOnlyDictionary<string, byte[]>> ContentsAsync(
        ObjectStore store, ResourceType type, string @namespace, string? name, JsonObject source, CancellationToken cancellationToken)
    {
        var stored = store.TryGet(type, @namespace, name ?? "");
        if (stored is null)
        {
            if (source["optional"] is JsonValue optional && optional.TryGetValue<bool>(out var isOptional) && isOptional)
            {
                return new Dictionary<string, byte[]>();
            }

            stored = await store.WaitForAsync(type, @namespace, name ?? "", cancellationToken);
        }

        var contents = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var secret = type == ResourceCatalog.Secrets;
        foreach (var (key, value) in JsonPaths.StringMap(stored["data"]))
        {
            contents[key] = secret ? Convert.FromBase64String(value) : Encoding.UTF8.GetBytes(value);
        }

        foreach (var (key, value) in JsonPaths.StringMap(stored[secret ? "stringData" : "binaryData"]))
        {
            contents[key] = secret ? Encoding.UTF8.GetBytes(value) : Convert.FromBase64String(value);
        }

        return contents;
    }

    // The files of the volume: every key under its own name, or only the items, at their paths.
    private static List<(string Path, byte[] Content, int Mode)> Project(JsonObject source, IReadOnlyDictionary<string, byte[]> contents)
    {
        var mode = (int)source.Long("defaultMode", DefaultMode);
        var items = source.Array("items").OfType<JsonObject>().ToList();
        if (items.Count == 0)
        {
            return [.. contents.Select(c => (c.Key, c.Value, mode))];
        }

        return [.. items
            .Where(i => contents.ContainsKey(i.Str("key") ?? ""))
            .Select(i => (i.Str("path") ?? i.Str("key")!, contents[i.Str("key")!], (int)i.Long("mode", mode)))];
    }

    private static void WriteAtomically(string local, IReadOnlyList<(string Path, byte[] Content, int Mode)> files, TimeProvider time)
    {
        var stamp = string.Create(CultureInfo.InvariantCulture, $"..{time.GetUtcNow().UtcDateTime:yyyy_MM_dd_HH_mm_ss}.{Random.Shared.Next(100_000_000, 999_999_999)}");
        var data = System.IO.Directory.CreateDirectory(Path.Combine(local, stamp)).FullName;
        foreach (var (path, content, mode) in files)
        {
            var file = Path.Combine(data, path);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllBytes(file, content);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, (UnixFileMode)(mode & 0b111_111_111));
            }
        }

        File.CreateSymbolicLink(Path.Combine(local, "..data"), stamp);
        foreach (var top in files.Select(f => f.Path.Split('/')[0]).Distinct(StringComparer.Ordinal))
        {
            File.CreateSymbolicLink(Path.Combine(local, top), $"..data/{top}");
        }
    }
}
