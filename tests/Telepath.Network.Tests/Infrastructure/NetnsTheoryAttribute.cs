namespace Telepath.Network.Tests.Infrastructure;

/// <summary>A theory that builds network namespaces; skipped as <see cref="NetnsFactAttribute"/> is.</summary>
public sealed class NetnsTheoryAttribute : TheoryAttribute
{
    public NetnsTheoryAttribute()
    {
        if (NetnsFactAttribute.MissingReason is { } reason)
        {
            Skip = reason;
        }
    }
}
