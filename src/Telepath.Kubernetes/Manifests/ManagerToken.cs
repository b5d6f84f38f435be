using System.Security.Cryptography;

namespace Telepath.Kubernetes.Manifests;

/// <summary>The shared secret of the manager and its agents.</summary>
public static class ManagerToken
{
    /// <summary>256 random bits as URL-safe base64: no padding, fits a header and a file.</summary>
    public static string Generate() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
