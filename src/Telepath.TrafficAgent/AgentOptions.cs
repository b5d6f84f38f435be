using System.Net;
using Telepath.TrafficAgent.Volumes;

namespace Telepath.TrafficAgent;

/// <param name="Workload">The workload this agent serves, as the manager knows it.</param>
/// <param name="WorkloadKind">Deployment, ReplicaSet or StatefulSet.</param>
/// <param name="Listen">The service port the agent took over (port 0 picks a free one).</param>
/// <param name="App">Where the app container listens, normally 127.0.0.1:APPPORT.</param>
/// <param name="ManagerAddress">HOST:PORT of the traffic manager's gRPC API.</param>
/// <param name="Token">The bearer token the manager expects; with <see cref="TokenFile"/>, the first one it held.</param>
public sealed record AgentOptions(
    string Workload,
    string Namespace,
    string WorkloadKind,
    string PodName,
    IPEndPoint Listen,
    IPEndPoint App,
    string ManagerAddress,
    string Token)
{
    public const string DefaultSftpServer = "/usr/lib/openssh/sftp-server";

    /// <summary>
    /// Where <see cref="Token"/> was read, when the agent must read it again as it changes: the
    /// kubelet replaces a pod's projected service-account token before it expires. Null: a fixed token.
    /// </summary>
    public string? TokenFile { get; init; }

    /// <summary>The app's volumes the agent serves to laptops over SFTP (docs/protocol.md, "Volumes"); none by default.</summary>
    public IReadOnlyList<VolumeMount> Volumes { get; init; } = [];

    /// <summary>OpenSSH's sftp-server, which speaks SFTP for each volume tunnel; without it, no volume is served.</summary>
    public string SftpServer { get; init; } = DefaultSftpServer;
}
