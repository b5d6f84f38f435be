using System.Buffers.Text;
using System.Security.Cryptography;

namespace Telepath.Hub.Security;

/// <summary>256-bit random secrets in base64url, safe in URLs and headers as they are.</summary>
public static class RandomSecret
{
    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
