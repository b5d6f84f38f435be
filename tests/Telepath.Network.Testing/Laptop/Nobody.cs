namespace Telepath.Network.Testing.Laptop;

/// <summary>The laptop's other, unprivileged user: uid and gid 65534 (nobody), no supplementary groups.</summary>
public static class Nobody
{
    public const int UserId = 65534;

    /// <summary>The command run as nobody; setpriv by its full path, since the PATH given may lack it.</summary>
    public static IReadOnlyList<string> Run(params IEnumerable<string> command) =>
        ["/usr/bin/setpriv", $"--reuid={UserId}", $"--regid={UserId}", "--clear-groups", "--", .. command];
}
