using System.Net;
using System.Net.Sockets;

namespace Telepath.Hub.Previews.Ingress;

/// <summary>
/// Applies the <see cref="IngressPolicy"/> twice: when a preview is made (a clear refusal for the laptop), and on
/// every connection the proxy opens, to the addresses the name resolves to then (the answer may have changed).
/// </summary>
public sealed class IngressGate(IngressPolicy policy, IIngressResolver resolver)
{
    /// <returns>Null when a preview may name this ingress, else why not, to be shown to the laptop.</returns>
    public async Task<string?> CreationProblemAsync(string host, CancellationToken cancellationToken)
    {
        if (policy.NameRefusal(host) is { } refused)
        {
            return $"ingress_host {host} is not allowed: {refused}";
        }

        IPAddress[] addresses;
        try
        {
            addresses = await ResolveAsync(host, cancellationToken);
        }
        catch (SocketException)
        {
            // A name that does not resolve yet is judged when the proxy connects; the policy cannot place it now.
            return null;
        }

        return addresses.Length == 0 || addresses.Any(address => policy.AddressRefusal(host, address) is null)
            ? null
            : $"ingress_host {Refused(host, addresses[0])}";
    }

    /// <returns>The addresses the proxy may connect to, in the resolver's order; never empty.</returns>
    /// <exception cref="IngressRefusedException">None of them is allowed.</exception>
    /// <exception cref="SocketException">The name does not resolve.</exception>
    public async Task<IPAddress[]> AllowedAddressesAsync(string host, CancellationToken cancellationToken)
    {
        if (policy.NameRefusal(host) is { } refused)
        {
            throw new IngressRefusedException($"the ingress {host} is not allowed: {refused}");
        }

        var addresses = await ResolveAsync(host, cancellationToken);
        var allowed = addresses.Where(address => policy.AddressRefusal(host, address) is null).ToArray();
        return allowed.Length > 0 || addresses.Length == 0
            ? allowed
            : throw new IngressRefusedException($"the ingress {Refused(host, addresses[0])}");
    }

    private string Refused(string host, IPAddress address) => IPAddress.TryParse(host, out _)
        ? $"{host} is refused: {policy.AddressRefusal(host, address)}"
        : $"{host} resolves to {address}, which is refused: {policy.AddressRefusal(host, address)}";

    private Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        IPAddress.TryParse(host, out var literal) ? Task.FromResult<IPAddress[]>([literal]) : resolver.ResolveAsync(host, cancellationToken);
}
