using Grpc.Core;
using Telepath.Protocol.Manager;

namespace Telepath.TrafficManager.Tunnels;

/// <summary>The manager's view of one side's Tunnel call: what it sends us and what we send it.</summary>
public sealed record TunnelEnd(IAsyncStreamReader<TunnelMessage> Reader, IServerStreamWriter<TunnelMessage> Writer);

/// <summary>A client's answer to a dial: its call, and the first thing it said after opening.</summary>
internal sealed record DialAnswer(TunnelEnd End, TunnelError? Error, string ClientName, TaskCompletionSource<TunnelOutcome> Done);
