using Grpc.Core;

namespace Telepath.TrafficManager.Auth;

/// <summary>Why a request was not let in: Unauthenticated for a bad credential, Unavailable when the cluster could not say.</summary>
public sealed record CallerRefusal(StatusCode Code, string Message);
