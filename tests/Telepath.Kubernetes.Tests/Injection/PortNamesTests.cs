using Telepath.Kubernetes.Injection;

namespace Telepath.Kubernetes.Tests.Injection;

public class PortNamesTests
{
    [Theory]
    [InlineData("http", "tp-http")]
    [InlineData("8080", "tp-8080")]
    [InlineData("abcdefghijkl", "tp-abcdefghijkl")]
    [InlineData("abcdefghijk-lmn", "tp-abcdefghijk")]
    public void Derived_names_are_prefixed_and_fit_15_characters(string name, string derived)
    {
        Assert.Equal(derived, PortNames.Derive(name));
        Assert.True(PortNames.IsValid(PortNames.Derive(name)));
    }

    [Theory]
    [InlineData("http", true)]
    [InlineData("8080", false)]
    [InlineData("Http", false)]
    [InlineData("a--b", false)]
    [InlineData("-ab", false)]
    [InlineData("sixteen-chars-ab", false)]
    public void Validity_follows_the_iana_service_name_rules(string name, bool valid) =>
        Assert.Equal(valid, PortNames.IsValid(name));
}
