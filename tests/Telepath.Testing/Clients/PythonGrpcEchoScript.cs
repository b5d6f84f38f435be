namespace Telepath.Testing.Clients;

/// <summary>
/// The sample's <c>Echo/Say</c> as a python3-grpcio client (a gRPC client we did not write), for
/// <c>python3 -c SAY TARGET HEADER</c> wherever the test runs it. Prints "TEXT SERVED_BY".
/// </summary>
public static class PythonGrpcEchoScript
{
    // Hand-encoded protobuf, so the test needs nothing but python3-grpcio. gRPC's own proxy support
    // is off unless a test sets grpc_proxy, so that a developer's proxy settings do not interfere.
    public const string Say = """
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
}
