using System.Security.Cryptography;
using System.Text;

namespace Telepath.TrafficManager.Auth;

/// <summary>The manager's bearer token, compared in constant time by the gRPC interceptor and the tunnel endpoints alike.</summary>
public sealed class ManagerToken(ManagerOptions options)
{
    private readonly byte[] _expected = Encoding.UTF8.GetBytes("Bearer " + options.Token);

    public bool Accepts(string? authorization) =>
        authorization is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(authorization), _expected);
}
