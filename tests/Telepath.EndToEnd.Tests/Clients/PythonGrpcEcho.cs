namespace Telepath.EndToEnd.Tests.Clients;

/// <summary>The sample's <c>Echo/Say</c> called by Debian's python3-grpcio, a gRPC client we did not write.</summary>
public static class PythonGrpcEcho
{
    // Hand-encoded protobuf, so the test needs nothing but python3-grpcio. gRPC's own proxy support
    // is off unless a test sets grpc_proxy, so that a developer's proxy settings do not interfere.
    private const string Say = """
        import os, sys, grpc
        target, header = sys.argv[1], sys.argv[2]
        text = b"hi"
        request = b"\x0a" + bytes([len(text)]) + text
        options = [] if os.environ.get("grpc_proxy") else [("grpc.enable_http_proxy", 0)]
        channel = grpc.insecure_channel(target, options=options)
        say = channel.unary_unary("/telepath.sample.v1.Echo/Say", request_serializer=bytes, response_deserializer=bytes)
        metadata = [tuple(header.split("=", 1))] if header else []
        reply = say(request, metadata=metadata, timeout=20)
        fields, i = {}, 0
        while i < len(reply):
            tag, size = reply[i], reply[i + 1]
            fields[tag >> 3] = reply[i + 2:i + 2 + size].decode()
            i += 2 + size
        print(fields.get(1, "") + " " + fields.get(2, ""))
        """;

    /// <summary>Prints "TEXT SERVED_BY".</summary>
    /// <param name="header">NAME=VALUE metadata to send, or empty.</param>
    /// <param name="httpProxy">An HTTP CONNECT proxy (http://HOST:PORT) for gRPC to go through, or none.</param>
    public static Task<ProcessResult> SayAsync(string target, string header = "", string? httpProxy = null) =>
        ProcessRunner.RunAsync(Tool.Python, ["-c", Say, target, header], httpProxy is null ? null : new Dictionary<string, string?>
        {
            ["grpc_proxy"] = httpProxy,
            ["no_grpc_proxy"] = null,
            ["no_proxy"] = null,
            ["NO_PROXY"] = null,
        });
}
