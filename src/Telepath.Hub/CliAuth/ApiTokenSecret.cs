using Telepath.Hub.Security;

namespace Telepath.Hub.CliAuth;

/// <summary>A new bearer secret `tph_…`, with what is stored of it: its hash and a short prefix to recognise it by.</summary>
public sealed record ApiTokenSecret(string Secret, string Hash, string Prefix)
{
    public const string Marker = "tph_";

    public static ApiTokenSecret New()
    {
        var secret = Marker + RandomSecret.New();
        return new ApiTokenSecret(secret, SecretHash.Of(secret), secret[..(Marker.Length + 6)]);
    }
}
