using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Storage;
using Telepath.KubeApi.TestServer.Tokens;

namespace Telepath.KubeApi.TestServer.Pods;

/// <summary>
/// A pod's projected volumes as the kubelet mounts them, serviceAccountToken sources only (others are
/// not written): DIRECTORY/VOLUME/PATH holds a token for the pod's service account, bound to the pod,
/// for the source's audience (none: the API server's) and expirationSeconds (none: 3600).
/// </summary>
internal sealed class ProjectedTokenVolumes : IDisposable
{
    private readonly Dictionary<string, string> directories;
    private readonly List<ProjectedTokenFile> files;

    private ProjectedTokenVolumes(string directory, Dictionary<string, string> directories, List<ProjectedTokenFile> files)
    {
        Directory = directory;
        this.directories = directories;
        this.files = files;
    }

    /// <summary>The pod's directory of volumes, removed when the pod goes.</summary>
    public string Directory { get; }

    public static ProjectedTokenVolumes Mount(JsonObject pod, string directory, ServiceAccountTokens tokens, TimeProvider time)
    {
        var directories = new Dictionary<string, string>(StringComparer.Ordinal);
        var files = new List<ProjectedTokenFile>();
        var volumes = new ProjectedTokenVolumes(directory, directories, files);
        try
        {
            foreach (var volume in pod.Array("spec.volumes").OfType<JsonObject>())
            {
                var sources = volume.Array("projected.sources").Select(s => s?["serviceAccountToken"]).OfType<JsonObject>().ToList();
                if (sources.Count == 0)
                {
                    continue;
                }

                var local = System.IO.Directory.CreateDirectory(Path.Combine(directory, volume.Str("name") ?? "")).FullName;
                directories[volume.Str("name") ?? ""] = local;
                foreach (var source in sources)
                {
                    var spec = new TokenRequestSpec(
                        source.Str("audience") is { Length: > 0 } audience ? [audience] : [],
                        source.Long("expirationSeconds", TokenRequestSpec.DefaultExpirationSeconds),
                        new BoundObjectRef("Pod", "v1", pod.Name(), pod.Uid()));
                    var account = pod.At("spec.serviceAccountName")?.GetValue<string>() ?? "default";
                    files.Add(ProjectedTokenFile.Create(Path.Combine(local, source.Str("path") ?? "token"),
                        () => tokens.Issue(pod.Namespace(), account, spec), time));
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
            if (directories.TryGetValue(mount.Str("name") ?? "", out var local) && mount.Str("mountPath") is { Length: > 0 } mountPath)
            {
                mounts[mountPath] = mount.Str("subPath") is { Length: > 0 } subPath ? Path.Combine(local, subPath) : local;
            }
        }

        return mounts;
    }

    public void Dispose()
    {
        foreach (var file in files)
        {
            file.Dispose();
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Still held open by a process that is going; the kubelet directory is removed with the server.
        }
    }
}
