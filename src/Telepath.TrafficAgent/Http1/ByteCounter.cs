namespace Telepath.TrafficAgent.Http1;

/// <summary>
/// The bytes one direction of a watched exchange has carried, for the request log. The copy adds to it
/// as it goes (one writer at a time); the request is recorded from the response's task, possibly while
/// the request body's copy still runs, so reads and writes are volatile.
/// </summary>
internal sealed class ByteCounter
{
    private long _count;

    public long Count => Volatile.Read(ref _count);

    public void Add(long bytes) => Volatile.Write(ref _count, _count + bytes);

    public void Reset(long bytes = 0) => Volatile.Write(ref _count, bytes);
}
