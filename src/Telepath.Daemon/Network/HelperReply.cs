namespace Telepath.Daemon.Network;

/// <summary>The helper's answer to one request: done, or one line saying why not.</summary>
public sealed record HelperReply(bool Ok, string? Error = null)
{
    public static readonly HelperReply Done = new(true);

    public static HelperReply Failed(string error) => new(false, error);
}
