using Telepath.Testing.Clients;

namespace Telepath.EndToEnd.Tests.Clients;

/// <summary>The sample's <c>Echo/Say</c> called by Debian's python3-grpcio, a gRPC client we did not write.</summary>
public static class PythonGrpcEcho
{
    /// <summary>Prints "TEXT SERVED_BY".</summary>
    /// <param name="header">NAME=VALUE metadata to send, or empty.</param>
    /// <param name="httpProxy">An HTTP CONNECT proxy (http://HOST:PORT) for gRPC to go through, or none.</param>
    public static Task<ProcessResult> SayAsync(string target, string header = "", string? httpProxy = null) =>
        ProcessRunner.RunAsync(Tool.Python, ["-c", PythonGrpcEchoScript.Say, target, header], httpProxy is null ? null : new Dictionary<string, string?>
        {
            ["grpc_proxy"] = httpProxy,
            ["no_grpc_proxy"] = null,
            ["no_proxy"] = null,
            ["NO_PROXY"] = null,
        });
}
