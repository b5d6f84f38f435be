using System.Security.Cryptography;
using System.Text;

namespace Telepath.Hub.Security;

/// <summary>
/// SHA-256 of a secret, as lowercase hex. Enough for our secrets because they are 256-bit random values,
/// not passwords: there is nothing to brute-force, and equal hashes can be looked up by index.
/// </summary>
public static class SecretHash
{
    public static string Of(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
