using Telepath.Hub.Previews.Proxy;

namespace Telepath.Hub.Tests.Previews.Proxy;

public sealed class PreviewHostTests
{
    [Theory]
    [InlineData("abc123def456.localhost", "localhost", "abc123def456")]
    [InlineData("ABC.Preview.Example.com", "preview.example.com", "abc")]
    [InlineData("localhost", "localhost", null)]
    [InlineData(".localhost", "localhost", null)]
    [InlineData("a.b.localhost", "localhost", null)]
    [InlineData("hub.example.com", "preview.example.com", null)]
    [InlineData("evilpreview.example.com", "preview.example.com", null)]
    public void Only_one_label_under_the_preview_domain_is_a_preview(string host, string domain, string? id) =>
        Assert.Equal(id, PreviewHost.IdOf(host, domain));

    [Theory]
    [InlineData("/page?x=1", "/page?x=1")]
    [InlineData("/", "/")]
    [InlineData("//evil.example/x", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData(null, "/")]
    public void Only_a_local_path_is_returned_to(string? value, string expected) =>
        Assert.Equal(expected, LocalReturnPath.Of(value));
}
