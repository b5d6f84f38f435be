namespace Telepath.Daemon;

/// <summary>
/// What a connect tells its caller as it goes: the manager's install lines, then that the cluster is
/// checked and the manager installed (the connection itself is next).
/// </summary>
public sealed record ConnectProgress(IProgress<string> Lines, Action Prepared)
{
    public static ConnectProgress Silent { get; } = new(new Progress<string>(), () => { });
}
