using System.Security.Cryptography;
using Telepath.Samples.Data;

namespace Telepath.EndToEnd.Tests.Clients;

/// <summary>Large bodies made of the sample's own pseudo-random bytes, and their hashes.</summary>
public static class SampleBodies
{
    public const int TwentyMegabytes = 20 * 1024 * 1024;

    public static byte[] Bytes(int count)
    {
        var bytes = new byte[count];
        new PseudoRandomBytes().Fill(bytes);
        return bytes;
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
