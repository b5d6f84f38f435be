using Microsoft.Extensions.Configuration;
using Telepath.Hub.Hosting;

namespace Telepath.Hub.Tests.Hosting;

public sealed class HubOptionsReaderTests
{
    private static HubOptions Read(params (string Key, string Value)[] settings) =>
        HubOptionsReader.Read(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build());

    [Fact]
    public void Defaults_are_sqlite_under_xdg_data_home_localhost_previews_and_no_oidc()
    {
        var dataHome = Directory.CreateTempSubdirectory("telepath-xdg-").FullName;
        var previous = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        Environment.SetEnvironmentVariable("XDG_DATA_HOME", dataHome);
        try
        {
            var options = Read();

            Assert.Equal(DatabaseProvider.Sqlite, options.Database.Provider);
            Assert.Equal($"Data Source={Path.Combine(dataHome, "telepath", "hub.db")}", options.Database.ConnectionString);
            Assert.True(Directory.Exists(Path.Combine(dataHome, "telepath")));
            Assert.Equal("localhost", options.PreviewDomain);
            Assert.Equal([HubOptionsReader.DefaultUrl], options.Urls);
            Assert.Null(options.PublicUrl);
            Assert.Null(options.Oidc);
        }
        finally
        {
            Environment.SetEnvironmentVariable("XDG_DATA_HOME", previous);
            Directory.Delete(dataHome, recursive: true);
        }
    }

    [Fact]
    public void Every_setting_is_read()
    {
        var options = Read(
            ("urls", "http://0.0.0.0:8080;http://[::]:8080"),
            ("Hub:PublicUrl", "https://hub.example.com/"),
            ("Hub:PreviewDomain", "preview.example.com"),
            ("Hub:Database:Provider", "postgres"),
            ("Hub:Database:ConnectionString", "Host=db;Database=hub"),
            ("Hub:Oidc:Authority", "https://login.example.com"),
            ("Hub:Oidc:ClientId", "hub"),
            ("Hub:Oidc:ClientSecret", "s3cret"),
            ("Hub:Oidc:DisplayName", "Example SSO"));

        Assert.Equal(["http://0.0.0.0:8080", "http://[::]:8080"], options.Urls);
        Assert.Equal(new Uri("https://hub.example.com"), options.PublicUrl);
        Assert.True(options.PublicUrlIsHttps);
        Assert.Equal("preview.example.com", options.PreviewDomain);
        Assert.Equal(new DatabaseOptions(DatabaseProvider.Postgres, "Host=db;Database=hub"), options.Database);
        Assert.Equal(new OidcOptions("https://login.example.com", "hub", "s3cret", "Example SSO"), options.Oidc);
    }

    [Fact]
    public void Oidc_needs_all_three_of_authority_client_id_and_secret()
    {
        var options = Read(("Hub:Oidc:Authority", "https://login.example.com"), ("Hub:Oidc:ClientId", "hub"));

        Assert.Null(options.Oidc);
    }

    [Theory]
    [InlineData("Hub:Database:Provider", "mysql")]
    [InlineData("Hub:PublicUrl", "ftp://hub.example.com")]
    [InlineData("Hub:PublicUrl", "not a url")]
    public void Bad_settings_stop_the_start_with_a_message(string key, string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read((key, value)));

        Assert.Contains(key, error.Message);
    }

    [Fact]
    public void Postgres_needs_a_connection_string()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read(("Hub:Database:Provider", "postgres")));

        Assert.Contains("ConnectionString", error.Message);
    }

    [Fact]
    public void The_ingress_allow_list_is_one_comma_separated_value_or_a_list()
    {
        var single = Read(("Hub:Ingress:Allow", "127.0.0.1/32, *.example.com"), ("Hub:Ingress:ClusterServicesOnly", "true"), ("Hub:Ingress:ClusterDomain", "k8s.internal"));
        var list = Read(("Hub:Ingress:Allow:0", "127.0.0.1/32"), ("Hub:Ingress:Allow:1", "*.example.com"));

        Assert.Equal(["*.example.com"], single.EffectiveIngress.Hosts);
        Assert.Equal([System.Net.IPNetwork.Parse("127.0.0.1/32")], single.EffectiveIngress.Ranges);
        Assert.True(single.EffectiveIngress.ClusterServicesOnly);
        Assert.Equal("k8s.internal", single.EffectiveIngress.ClusterDomain);
        Assert.Equal(single.EffectiveIngress.Hosts, list.EffectiveIngress.Hosts);
        Assert.Equal(single.EffectiveIngress.Ranges, list.EffectiveIngress.Ranges);
        Assert.False(list.EffectiveIngress.ClusterServicesOnly);
        Assert.False(Read().EffectiveIngress.Restricted);
    }
}
