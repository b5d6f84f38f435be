namespace Telepath.TrafficAgent.Volumes;

/// <summary>
/// Whether a path a laptop names stays inside the volume, judged the way the kernel will resolve it for
/// sftp-server: every existing component's symlinks are followed in the agent's own view of the files
/// (sftp-server sees the same ones), so a volume's relative links (a ConfigMap's app.yaml -> ..data/app.yaml)
/// keep working while one that leads out does not. Components that do not exist yet (a file being created)
/// are appended as named, and a ".." after them is refused: nothing on disk says where it would lead.
/// </summary>
internal sealed class SftpGuardPaths
{
    /// <summary>Linux's own limit on links in one lookup (ELOOP); beyond it the kernel would fail too.</summary>
    private const int MaxLinks = 40;

    private readonly string _root;

    public SftpGuardPaths(string sourceDir)
    {
        // sftp-server's cwd is the volume with its own links resolved, so that is what paths are measured against.
        _root = Resolve("/", sourceDir) ?? sourceDir;
    }

    /// <summary>True when <paramref name="path"/>, all its links followed, is the volume's directory or below it.</summary>
    public bool Inside(string path) => Resolve(_root, path) is { } resolved && Contains(resolved);

    /// <summary>
    /// As <see cref="Inside"/>, but the last component is not followed: what lstat, remove and rename act
    /// on is the link itself, which may point anywhere without the request reaching there.
    /// </summary>
    public bool InsideNotFollowingLast(string path)
    {
        var slash = path.LastIndexOf('/');
        var last = path[(slash + 1)..];
        // A trailing "/" makes the kernel follow the last link after all, and "." or ".." name no link.
        if (last is "" or "." or "..")
        {
            return Inside(path);
        }

        var parent = slash switch
        {
            < 0 => "",
            0 => "/",
            _ => path[..slash],
        };
        return Resolve(_root, parent) is { } directory && Contains(directory == "/" ? "/" + last : directory + "/" + last);
    }

    private bool Contains(string resolved) =>
        _root == "/" || resolved == _root || resolved.StartsWith(_root + "/", StringComparison.Ordinal);

    /// <summary>The absolute path with no links, "." or ".." left; null when it cannot be known.</summary>
    private static string? Resolve(string cwd, string path)
    {
        var resolved = new List<string>();
        var pending = new Stack<string>();
        PushComponents(pending, path);
        if (!path.StartsWith('/'))
        {
            PushComponents(pending, cwd);
        }

        var links = 0;
        var missing = false;
        while (pending.TryPop(out var name))
        {
            if (name is "" or ".")
            {
                continue;
            }

            if (name == "..")
            {
                if (missing)
                {
                    return null;
                }

                if (resolved.Count > 0)
                {
                    resolved.RemoveAt(resolved.Count - 1);
                }

                continue;
            }

            resolved.Add(name);
            if (missing)
            {
                continue;
            }

            var (exists, target) = Look("/" + string.Join('/', resolved));
            if (!exists)
            {
                missing = true;
            }
            else if (target is not null)
            {
                if (++links > MaxLinks)
                {
                    return null;
                }

                resolved.RemoveAt(resolved.Count - 1);
                if (target.StartsWith('/'))
                {
                    resolved.Clear();
                }

                PushComponents(pending, target);
            }
        }

        return "/" + string.Join('/', resolved);
    }

    /// <summary>Whether the path exists (as lstat sees it) and, if it is a symlink, what it points at.</summary>
    private static (bool Exists, string? LinkTarget) Look(string path)
    {
        try
        {
            var info = new FileInfo(path);
            // FileAttributes is -1 when lstat fails: absent, or under a directory that is not one or not searchable.
            return (int)info.Attributes == -1 ? (false, null) : (true, info.LinkTarget);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Whatever the agent cannot look at, sftp-server (the same user) cannot walk through either.
            return (false, null);
        }
    }

    /// <summary>Pushes the components so that the first is popped first.</summary>
    private static void PushComponents(Stack<string> pending, string path)
    {
        var names = path.Split('/');
        for (var i = names.Length - 1; i >= 0; i--)
        {
            pending.Push(names[i]);
        }
    }
}
