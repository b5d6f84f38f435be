namespace Telepath.Daemon.Outbound.RootHelper;

/// <summary>
/// The helper's one <see cref="TelepathLink"/>, shared by split DNS and the routes: made when the first of
/// them needs it, closed (taking its routes with it) when neither does any more.
/// </summary>
public sealed class OwnLink(string name = TelepathLink.DefaultName)
{
    private TelepathLink? _link;

    public string Name => name;

    /// <summary>The link, while it exists.</summary>
    public TelepathLink? Current => _link;

    /// <exception cref="IOException">The link cannot be made (no /dev/net/tun, or `ip` failed).</exception>
    public async Task<TelepathLink> EnsureAsync(CancellationToken cancellationToken) =>
        _link ??= await TelepathLink.CreateAsync(name, cancellationToken).ConfigureAwait(false);

    /// <summary>Removes the link; the kernel removes its routes with it.</summary>
    public void Close()
    {
        _link?.Dispose();
        _link = null;
    }
}
