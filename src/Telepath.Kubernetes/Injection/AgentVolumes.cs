using k8s.Models;

namespace Telepath.Kubernetes.Injection;

/// <summary>
/// Makes the app container's files visible to the agent, which serves them to the laptop over SFTP
/// (docs/protocol.md, "Volumes"): each of the app's volumeMounts is mounted in the agent too, same
/// volume, subPath (a subPathExpr names the agent's prefixed copies of the app's variables) and
/// read-only flag, under <see cref="Root"/> + the app's mount path, and named to
/// the agent with <c>--volume APP-PATH=AGENT-PATH[:ro]</c>. No volume is added, so restore, which
/// removes the agent container, leaves nothing behind.
/// </summary>
public static class AgentVolumes
{
    public const string Root = "/telepath/volumes";

    public const string VolumeOption = "--volume";

    /// <summary>Where Kubernetes' ServiceAccount admission mounts the API token in every container.</summary>
    public const string ServiceAccountPath = "/var/run/secrets/kubernetes.io/serviceaccount";

    public static List<V1VolumeMount> Mounts(V1Container app) =>
        Served(app).Select(m => new V1VolumeMount
        {
            Name = m.Mount.Name,
            MountPath = Root + m.Path,
            SubPath = m.Mount.SubPath,
            SubPathExpr = AgentEnvironment.Expression(m.Mount.SubPathExpr),
            ReadOnlyProperty = m.Mount.ReadOnlyProperty,
        }).ToList();

    public static List<string> Args(V1PodSpec pod, V1Container app)
    {
        var args = new List<string>();
        var served = Served(app);
        foreach (var (mount, path) in served)
        {
            args.AddRange([VolumeOption, $"{path}={Root}{path}{(IsReadOnly(pod, mount) ? ":ro" : "")}"]);
        }

        // The admission mounts the token in the agent as well, at the same path, unless the pod opts
        // out (the service account may opt out too; the agent then finds nothing there). An app that
        // mounts something of its own there gets no token, and that mount is served above.
        if (pod.AutomountServiceAccountToken != false && served.All(s => s.Path != ServiceAccountPath))
        {
            args.AddRange([VolumeOption, $"{ServiceAccountPath}={ServiceAccountPath}:ro"]);
        }

        return args;
    }

    /// <summary>
    /// Makes an injected agent's copies of the app's mounts, and its <c>--volume</c> args, match the app
    /// container as it is now: an agent injected by a version before volumes has none, and an app given
    /// a new volume since its injection would not have it on the laptop.
    /// </summary>
    /// <returns>Whether the agent changed.</returns>
    public static bool Refresh(V1PodSpec pod, V1Container app, V1Container agent)
    {
        var mounts = (agent.VolumeMounts ?? []).Where(m => !IsOurs(m)).Concat(Mounts(app)).ToList();
        var args = WithoutVolumeArgs(agent.Args ?? []).Concat(Args(pod, app)).ToList();
        if (Same(agent.VolumeMounts ?? [], mounts) && (agent.Args ?? []).SequenceEqual(args, StringComparer.Ordinal))
        {
            return false;
        }

        agent.VolumeMounts = mounts;
        agent.Args = args;
        return true;
    }

    private static bool IsOurs(V1VolumeMount mount) => mount.MountPath?.StartsWith(Root + "/", StringComparison.Ordinal) == true;

    private static IEnumerable<string> WithoutVolumeArgs(IList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == VolumeOption)
            {
                i++;
                continue;
            }

            yield return args[i];
        }
    }

    private static bool Same(IList<V1VolumeMount> a, IList<V1VolumeMount> b) =>
        a.Count == b.Count && a.Zip(b).All(p =>
            p.First.Name == p.Second.Name && p.First.MountPath == p.Second.MountPath && p.First.SubPath == p.Second.SubPath &&
            p.First.SubPathExpr == p.Second.SubPathExpr && p.First.ReadOnlyProperty == p.Second.ReadOnlyProperty);

    // Paths the laptop would refuse (VolumeList.IsSafePath) or the "=" and ":ro" of the option could
    // misread are left out, and so are repeats; a trailing "/" is allowed and dropped.
    private static List<(V1VolumeMount Mount, string Path)> Served(V1Container app)
    {
        var served = new List<(V1VolumeMount, string)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var mount in app.VolumeMounts ?? [])
        {
            if (mount.MountPath?.TrimEnd('/') is { } path && IsServable(path) && seen.Add(path))
            {
                served.Add((mount, path));
            }
        }

        return served;
    }

    private static bool IsServable(string path) =>
        path.Length is > 1 and <= 4096
        && path[0] == '/'
        && !path.Contains('=') && !path.Contains(':')
        && path[1..].Split('/').All(s => s.Length > 0 && s is not ("." or "..") && !s.Any(char.IsControl));

    // The kubelet mounts these sources read-only whatever the mount says: the app cannot write them either.
    private static bool IsReadOnly(V1PodSpec pod, V1VolumeMount mount) =>
        mount.ReadOnlyProperty == true
        || pod.Volumes?.FirstOrDefault(v => v.Name == mount.Name) is { Secret: not null } or { ConfigMap: not null } or { DownwardAPI: not null } or { Projected: not null };
}
