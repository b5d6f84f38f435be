using System.Security.Cryptography;
using System.Text;

namespace Telepath.TrafficManager.Auth;

/// <summary>The manager's bearer token, in direct mode, compared in constant time.</summary>
public sealed class ManagerToken(ManagerOptions options)
{
    private readonly byte[] _expected = Encoding.UTF8.GetBytes(
        "Bearer " + (options.Token ?? throw new InvalidOperationException("the manager has no token: it trusts Kubernetes identity")));

    public bool Accepts(string? authorization) =>
        authorization is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(authorization), _expected);
}
