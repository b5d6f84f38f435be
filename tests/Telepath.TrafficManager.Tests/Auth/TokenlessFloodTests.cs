using System.Buffers.Binary;
using System.Net;
using Telepath.Protocol.Manager;
using Telepath.Testing.Managers;
using ProtocolManager = Telepath.Protocol.Manager.Manager;

namespace Telepath.TrafficManager.Tests.Auth;

/// <summary>
/// Any pod that can reach the manager's port can send it calls without a token. They must cost the
/// manager a refusal each, never the messages they carry: 200 of 16 MiB would be 3.2 GB, against
/// the 256 Mi its Deployment allows. Measured alone, so that no other test's allocations count.
/// </summary>
[Collection(MeasuredAlone.Name)]
public sealed class TokenlessFloodTests
{
    private const int Calls = 200;
    private const int MessageBytes = 16 * 1024 * 1024;

    private static readonly string ArriveAsAgentPath = $"/{ProtocolManager.Descriptor.FullName}/{nameof(ProtocolManager.ManagerClient.ArriveAsAgent)}";

    [Fact]
    public async Task Two_hundred_16_MiB_calls_without_a_token_are_refused_unread_and_the_manager_goes_on_serving()
    {
        await using var manager = await LoopbackManager.StartAsync();
        using var http = new HttpClient(new SocketsHttpHandler());
        // One message for every call: the client does not hold 200 copies either.
        var message = new byte[MessageBytes];
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var statuses = await Task.WhenAll(Enumerable.Range(0, Calls).Select(_ => CallWithoutTokenAsync(http, manager, message)));

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.True(allocated < 256L * 1024 * 1024, $"the flood made the process allocate {allocated / (1024 * 1024)} MiB, more than the manager's Deployment lets it hold");
        Assert.All(statuses, status => Assert.Equal("16", status)); // Unauthenticated, not ResourceExhausted: no body was read
        var session = await manager.Client().ArriveAsClientAsync(new ClientArrival { Name = "alice@laptop" });
        Assert.NotEmpty(session.SessionId);
    }

    /// <returns>The call's grpc-status: a trailers-only answer carries it in the headers.</returns>
    private static async Task<string?> CallWithoutTokenAsync(HttpClient http, LoopbackManager manager, byte[] message)
    {
        // HTTP/2 without TLS, as gRPC clients speak to the manager: one connection, a stream a call.
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://{manager.Address}{ArriveAsAgentPath}")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new GrpcMessage(message),
        };
        request.Headers.TE.ParseAdd("trailers");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return response.Headers.TryGetValues("grpc-status", out var values) ? values.Single() : null;
    }

    /// <summary>One length-prefixed gRPC message, written from the shared buffer without a copy.</summary>
    private sealed class GrpcMessage : HttpContent
    {
        private readonly byte[] _message;

        public GrpcMessage(byte[] message)
        {
            _message = message;
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/grpc");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var prefix = new byte[5];
            BinaryPrimitives.WriteUInt32BigEndian(prefix.AsSpan(1), (uint)_message.Length);
            await stream.WriteAsync(prefix);
            await stream.WriteAsync(_message);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
