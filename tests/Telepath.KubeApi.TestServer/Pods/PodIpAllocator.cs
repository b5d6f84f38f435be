using System.Net;

namespace Telepath.KubeApi.TestServer.Pods;

/// <summary>Hands out 127.0.x.y addresses upward from the first one, skipping .0 and .255.</summary>
internal sealed class PodIpAllocator(IPAddress first)
{
    private readonly Lock gate = new();
    private uint next = ToNumber(first);

    public IPAddress Next()
    {
        lock (gate)
        {
            while ((next & 0xFF) is 0 or 255)
            {
                next++;
            }

            return new IPAddress(BitConverter.GetBytes(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(next++)));
        }
    }

    private static uint ToNumber(IPAddress address) =>
        System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(address.GetAddressBytes());
}
