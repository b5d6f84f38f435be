namespace Telepath.Network.Tests.Infrastructure;

/// <summary>
/// A namespace test that runs the real systemd-resolved (<see cref="SystemdResolved"/>): skipped as
/// <see cref="NetnsFactAttribute"/> is, and also where resolved is not unpacked or cannot run.
/// </summary>
public sealed class SystemdResolvedFactAttribute : FactAttribute
{
    public SystemdResolvedFactAttribute()
    {
        if ((NetnsFactAttribute.MissingReason ?? SystemdResolved.Unavailable) is { } reason)
        {
            Skip = reason;
        }
    }
}
