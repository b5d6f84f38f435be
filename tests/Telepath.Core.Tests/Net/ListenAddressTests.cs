using System.Net;
using Telepath.Core.Net;

namespace Telepath.Core.Tests.Net;

public sealed class ListenAddressTests
{
    [Theory]
    [InlineData(":8080", "0.0.0.0:8080")]
    [InlineData("127.0.0.1:0", "127.0.0.1:0")]
    [InlineData("localhost:9", "127.0.0.1:9")]
    [InlineData("[::1]:443", "[::1]:443")]
    public void Host_and_port_forms_parse(string text, string expected)
    {
        Assert.Equal(IPEndPoint.Parse(expected), ListenAddress.Parse(text, "--listen"));
    }

    [Theory]
    [InlineData("8080")]
    [InlineData("127.0.0.1:70000")]
    [InlineData("127.0.0.1:abc")]
    [InlineData("example.com:80")]
    public void Bad_forms_are_usage_errors_that_name_the_flag(string text)
    {
        var error = Assert.Throws<UserErrorException>(() => ListenAddress.Parse(text, "--listen"));

        Assert.Equal(2, error.ExitCode);
        Assert.StartsWith($"invalid --listen \"{text}\"", error.Message);
    }
}
