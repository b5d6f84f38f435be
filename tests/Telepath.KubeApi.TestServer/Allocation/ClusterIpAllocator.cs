using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Defaulting;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Storage;
using Telepath.KubeApi.TestServer.Validation;

namespace Telepath.KubeApi.TestServer.Allocation;

/// <summary>
/// A Service's IP families and cluster IP, as kube-apiserver's Service storage sets them after
/// defaulting and before validation (pkg/registry/core/service/storage/alloc.go): the next free
/// address of the service range, or the one asked for when a range holds it; else the same 422
/// with the same words. A dry-run create (<c>dryRun=All</c>) is refused the same way, and names
/// the range even with ServiceCIDRs, where a real create only says the network does not match.
/// </summary>
public sealed class ClusterIpAllocator(ServiceRanges ranges)
{
    private int next = 10;

    public void Apply(ResourceType type, JsonObject service, JsonObject? old, bool dryRun)
    {
        var spec = service.Child("spec");
        if (type != ResourceCatalog.Services || spec.Str("type") == "ExternalName")
        {
            return;
        }

        var asked = spec.Str("clusterIP") ?? (spec["clusterIPs"] as JsonArray)?.FirstOrDefault()?.GetValue<string>();
        if (asked is null && old?.At("spec.clusterIP")?.GetValue<string>() is { } kept)
        {
            // A cluster IP stays with its Service through every update.
            spec["clusterIP"] = kept;
            spec["clusterIPs"] = old.At("spec.clusterIPs")?.DeepClone() ?? new JsonArray(kept);
            spec.Set("ipFamilies", old.At("spec.ipFamilies")?.DeepClone() ?? new JsonArray("IPv4"));
            spec.Set("ipFamilyPolicy", "SingleStack");
            return;
        }

        spec.Set("ipFamilyPolicy", "SingleStack");
        if (asked == "None")
        {
            // A headless Service: the API server mirrors "None" into clusterIPs.
            spec["clusterIPs"] = new JsonArray("None");
            spec.Set("ipFamilies", new JsonArray("IPv4"));
            return;
        }

        if (asked is null)
        {
            var ip = Next();
            spec["clusterIP"] = ip.ToString();
            spec["clusterIPs"] = new JsonArray(ip.ToString());
            spec.Set("ipFamilies", new JsonArray("IPv4"));
            return;
        }

        if (!IPAddress.TryParse(asked, out var address))
        {
            return;
        }

        spec["clusterIP"] = asked;
        spec.Set("clusterIPs", new JsonArray(asked));
        var family = address.AddressFamily == AddressFamily.InterNetwork ? "IPv4" : "IPv6";
        if (old is not null)
        {
            // An update keeps the address it has (changing it is not modelled).
            spec.Set("ipFamilies", old.At("spec.ipFamilies")?.DeepClone() ?? new JsonArray(family));
            return;
        }

        var familyRanges = ranges.Of(address.AddressFamily);
        if (spec["ipFamilies"] is null)
        {
            if (familyRanges.Count == 0)
            {
                throw Refuse(service, FieldError.InvalidList("spec.clusterIPs[0]", [asked], $"{family} is not configured on this cluster"));
            }

            spec["ipFamilies"] = new JsonArray(family);
        }

        if (!familyRanges.Any(range => ServiceRanges.Holds(range, address)))
        {
            throw Refuse(service, FieldError.InvalidList("spec.clusterIPs", [asked], $"failed to allocate IP {asked}: {NotInRange(address, familyRanges, dryRun)}"));
        }

        if (!dryRun && ranges.InUse(address))
        {
            throw Refuse(service, FieldError.InvalidList("spec.clusterIPs", [asked], $"failed to allocate IP {asked}: provided IP is already allocated"));
        }
    }

    // The bitmap allocator names its one range. The ServiceCIDR allocator (1.33) answers a real create
    // with ErrMismatchedNetwork; a dry run goes to one ServiceCIDR's allocator (a random one there,
    // the first here), which names its own range.
    private string NotInRange(IPAddress address, IReadOnlyList<IPNetwork> familyRanges, bool dryRun) =>
        ranges.ServiceCidrAllocator && !dryRun ? "the provided network does not match the current range"
        : familyRanges.Count == 0 ? "allocator not ready"
        : $"the provided IP ({address}) is not in the valid range. The range of valid IPs is {familyRanges[0]}";

    private IPAddress Next()
    {
        var range = ranges.Configured;
        var first = BinaryPrimitives.ReadUInt32BigEndian(range.BaseAddress.GetAddressBytes());
        while (true)
        {
            // 10.96.0.11, 10.96.0.12, … (.1 is the kubernetes Service's, .10 cluster DNS's), never a .0 or a .255.
            var n = (uint)Interlocked.Increment(ref next);
            var bytes = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(bytes, first + (n / 250 * 256) + (n % 250) + 1);
            var ip = new IPAddress(bytes);
            if (!ServiceRanges.Holds(range, ip))
            {
                throw new InvalidOperationException($"the test server's service range {range} is full");
            }

            if (!ranges.InUse(ip))
            {
                return ip;
            }
        }
    }

    private static Http.KubeStatusException Refuse(JsonObject service, FieldError error) =>
        ObjectValidator.Invalid(ResourceCatalog.Services, service.Name(), [error]);
}
