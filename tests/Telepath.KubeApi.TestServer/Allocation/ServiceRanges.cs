using System.Net;
using System.Net.Sockets;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Storage;

namespace Telepath.KubeApi.TestServer.Allocation;

/// <summary>
/// Where cluster IPs come from. Up to 1.32, one range per family (<c>--service-cluster-ip-range</c>)
/// held in a bitmap; from 1.33, every ServiceCIDR object's ranges, each an allocator of its own.
/// </summary>
/// <param name="Configured">The flag's range (IPv4).</param>
/// <param name="ServiceCidrs">The ServiceCIDR objects' ranges, by object name; null: the 1.32 allocator.</param>
/// <param name="InUse">Whether a Service already holds the address.</param>
public sealed record ServiceRanges(IPNetwork Configured, Func<IReadOnlyList<IPNetwork>>? ServiceCidrs, Func<IPAddress, bool> InUse)
{
    public static ServiceRanges Default { get; } = new(IPNetwork.Parse("10.96.0.0/12"), null, _ => false);

    public bool ServiceCidrAllocator => ServiceCidrs is not null;

    /// <summary>The ranges of one family an address may be allocated from.</summary>
    public IReadOnlyList<IPNetwork> Of(AddressFamily family) =>
        [.. (ServiceCidrs?.Invoke() ?? [Configured]).Where(range => range.BaseAddress.AddressFamily == family)];

    /// <summary>Every ServiceCIDR's ranges that parse, in object-name order: what the 1.33 allocator allocates from.</summary>
    public static IReadOnlyList<IPNetwork> OfServiceCidrs(ObjectStore store) =>
        [.. store.List(ResourceCatalog.ServiceCidrs, null).Items
            .SelectMany(s => s.Array("spec.cidrs").Select(c => c?.GetValue<string>()))
            .Select(text => IPNetwork.TryParse(text, out var range) ? (IPNetwork?)range : null)
            .OfType<IPNetwork>()];

    /// <summary>Both allocators leave out a range's first address and, for IPv4, its last (broadcast).</summary>
    public static bool Holds(IPNetwork range, IPAddress address)
    {
        if (!range.Contains(address) || address.Equals(range.BaseAddress))
        {
            return false;
        }

        return address.AddressFamily != AddressFamily.InterNetwork || !address.Equals(Last(range));
    }

    private static IPAddress Last(IPNetwork range)
    {
        var bytes = range.BaseAddress.GetAddressBytes();
        for (var bit = range.PrefixLength; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] |= (byte)(0x80 >> (bit % 8));
        }

        return new IPAddress(bytes);
    }
}
