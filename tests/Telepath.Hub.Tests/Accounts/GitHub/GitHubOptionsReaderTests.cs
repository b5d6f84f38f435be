using Microsoft.Extensions.Configuration;
using Telepath.Hub.Accounts.GitHub;
using Telepath.Hub.Hosting;

namespace Telepath.Hub.Tests.Accounts.GitHub;

public sealed class GitHubOptionsReaderTests
{
    private static GitHubOptions? Read(params (string Key, string Value)[] settings) =>
        HubOptionsReader.Read(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build()).GitHub;

    [Fact]
    public void No_client_id_and_secret_means_no_GitHub_sign_in()
    {
        Assert.Null(Read());
        Assert.Null(Read(("Hub:GitHub:ClientId", "abc"), ("Hub:GitHub:Organizations", "acme")));
    }

    [Fact]
    public void GitHub_com_is_the_default_and_a_list_of_organisations_is_served()
    {
        var gitHub = Read(("Hub:GitHub:ClientId", "abc"), ("Hub:GitHub:ClientSecret", "s3cret"), ("Hub:GitHub:Organizations:0", "acme"), ("Hub:GitHub:Organizations:1", "Widgets"))!;

        Assert.Equal(new Uri("https://github.com"), gitHub.WebUrl);
        Assert.Equal(new Uri("https://api.github.com"), gitHub.ApiUrl);
        Assert.Equal(["acme", "Widgets"], gitHub.Organizations);
        Assert.True(gitHub.Serves("ACME"));
        Assert.True(gitHub.Serves("widgets"));
        Assert.False(gitHub.Serves("elsewhere"));
        Assert.Equal(TimeSpan.FromMinutes(10), gitHub.EffectiveRecheckInterval);
    }

    [Fact]
    public void An_enterprise_server_has_its_own_web_and_API_URLs_and_star_serves_every_organisation()
    {
        var gitHub = Read(
            ("Hub:GitHub:ClientId", "abc"),
            ("Hub:GitHub:ClientSecret", "s3cret"),
            ("Hub:GitHub:WebUrl", "https://github.corp.example/"),
            ("Hub:GitHub:ApiUrl", "https://github.corp.example/api/v3"),
            ("Hub:GitHub:Organizations", "*"))!;

        Assert.Equal(new Uri("https://github.corp.example/api/v3/user/orgs"), GitHubOptions.Under(gitHub.ApiUrl, "user/orgs"));
        Assert.Equal(new Uri("https://github.corp.example/login/oauth/authorize"), GitHubOptions.Under(gitHub.WebUrl, "login/oauth/authorize"));
        Assert.True(gitHub.AllOrganizations);
        Assert.True(gitHub.Serves("anything"));
    }

    [Fact]
    public void A_comma_separated_variable_lists_organisations()
    {
        var gitHub = Read(("Hub:GitHub:ClientId", "abc"), ("Hub:GitHub:ClientSecret", "s3cret"), ("Hub:GitHub:Organizations", "acme, widgets"))!;

        Assert.Equal(["acme", "widgets"], gitHub.Organizations);
    }

    [Fact]
    public void Serving_no_organisation_is_a_configuration_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read(("Hub:GitHub:ClientId", "abc"), ("Hub:GitHub:ClientSecret", "s3cret")));

        Assert.Contains("Hub:GitHub:Organizations", error.Message);
    }
}
