using System.Net;
using Microsoft.AspNetCore.Builder;
using Telepath.EndToEnd.Tests.Clients;
using Telepath.Samples;

namespace Telepath.EndToEnd.Tests.Samples;

/// <summary>The sample service itself, without Telepath in between: what the other tests rely on.</summary>
public sealed class SampleServiceTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private IPEndPoint _endpoint = null!;

    private string Url => $"http://{_endpoint}";

    public async Task InitializeAsync()
    {
        _app = SampleService.Build(new IPEndPoint(IPAddress.Loopback, 0), "sample");
        await _app.StartAsync();
        _endpoint = SampleService.BoundEndPoint(_app);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task It_says_who_serves_it_over_HTTP1_and_gRPC()
    {
        using var echo = new GrpcEcho(Url);

        Assert.Equal("hello from sample", (await ServiceProbe.GetAsync(Url + "/")).Body);
        Assert.Equal("sample", await ServiceProbe.WhoAsync(Url));
        Assert.Equal("sample", await echo.SayAsync());
    }

    [Fact]
    public async Task It_echoes_bytes_that_are_not_HTTP()
    {
        var echoed = await RawTcp.ExchangeAsync(_endpoint, [0, 1, 2, 3, 250]);

        Assert.Equal([0, 1, 2, 3, 250], echoed);
    }

    [Fact]
    public async Task Its_downloads_are_the_same_bytes_every_time()
    {
        using var client = ServiceProbe.NewClient();

        var first = await client.GetByteArrayAsync($"{Url}/download?bytes=100000");
        var second = await client.GetByteArrayAsync($"{Url}/download?bytes=100000");

        Assert.Equal(SampleBodies.Bytes(100000), first);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Its_upload_answers_the_size_and_hash_of_the_body()
    {
        var body = SampleBodies.Bytes(1_000_000);
        using var client = ServiceProbe.NewClient();

        using var response = await client.PostAsync($"{Url}/upload", new ByteArrayContent(body));

        Assert.Equal($"1000000 {SampleBodies.Sha256(body)}", await response.Content.ReadAsStringAsync());
    }
}
