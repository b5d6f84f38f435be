using System.Text;
namespace Telepath.TrafficAgent.Http1;

/// <summary>Where one header line's name and value are in a head's bytes.</summary>
internal readonly record struct HeaderField(int NameStart, int NameLength, int ValueStart, int ValueLength)
{
    public ReadOnlySpan<byte> Name(ReadOnlySpan<byte> head) => head.Slice(NameStart, NameLength);

    public ReadOnlySpan<byte> Value(ReadOnlySpan<byte> head) => head.Slice(ValueStart, ValueLength);

    public bool Is(ReadOnlySpan<byte> head, ReadOnlySpan<byte> lowerCaseName) => Ascii.EqualsIgnoreCase(Name(head), lowerCaseName);
}
