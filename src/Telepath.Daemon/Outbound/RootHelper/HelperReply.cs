namespace Telepath.Daemon.Outbound.RootHelper;

/// <summary>The helper's answer to one request: done, or one line saying why not.</summary>
/// <param name="Dns">After an apply: how the laptop's resolver was pointed at Telepath's (systemd-resolved or /etc/resolv.conf).</param>
/// <param name="Routes">After an apply: the routes Telepath has on its own link, for ranges no route of the laptop covered; none when empty.</param>
public sealed record HelperReply(bool Ok, string? Error = null, string? Dns = null, IReadOnlyList<OwnRoute>? Routes = null)
{
    public static readonly HelperReply Done = new(true);

    public static HelperReply Failed(string error) => new(false, error);
}
