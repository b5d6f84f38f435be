using System.Net;
using System.Net.Sockets;
using Telepath.Hub.Previews.Ingress;

namespace Telepath.Hub.Tests.Infrastructure;

/// <summary>
/// DNS as the test says it is: names answer what <see cref="Answer"/> set last, others do not exist, as
/// <see cref="Dns.GetHostAddressesAsync(string, CancellationToken)"/> reports it. A later answer for the same name
/// acts out DNS rebinding.
/// </summary>
public sealed class FakeIngressResolver : IIngressResolver
{
    private readonly Dictionary<string, IPAddress[]> _answers = new(StringComparer.OrdinalIgnoreCase);

    public FakeIngressResolver Answer(string name, params string[] addresses)
    {
        lock (_answers)
        {
            _answers[name] = [.. addresses.Select(IPAddress.Parse)];
        }

        return this;
    }

    public Task<IPAddress[]> ResolveAsync(string name, CancellationToken cancellationToken)
    {
        lock (_answers)
        {
            return _answers.TryGetValue(name, out var addresses)
                ? Task.FromResult(addresses)
                : Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));
        }
    }
}
