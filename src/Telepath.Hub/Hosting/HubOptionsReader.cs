using Microsoft.Extensions.Configuration;
using Telepath.Hub.Accounts.GitHub;
using Telepath.Hub.Previews.Ingress;

namespace Telepath.Hub.Hosting;

/// <summary>Reads <see cref="HubOptions"/> from the `Hub:` section (appsettings.json, `Hub__X` variables, `--Hub:X` flags) and `urls`.</summary>
public static class HubOptionsReader
{
    public const string DefaultUrl = "http://localhost:5080";

    public static HubOptions Read(IConfiguration configuration)
    {
        var hub = configuration.GetSection("Hub");
        var urls = (configuration["urls"] ?? DefaultUrl).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new HubOptions(
            urls,
            ReadPublicUrl(hub["PublicUrl"]),
            hub["PreviewDomain"] ?? "localhost",
            ReadDatabase(hub.GetSection("Database")),
            ReadOidc(hub.GetSection("Oidc")),
            VerifyIngressCertificates: hub.GetValue("Previews:VerifyIngressCertificates", defaultValue: true),
            TrustedProxies: Security.TrustedProxies.Parse(hub["TrustedProxies"]),
            Ingress: ReadIngress(hub.GetSection("Ingress")),
            GitHub: GitHubOptionsReader.Read(hub.GetSection("GitHub")));
    }

    private static Uri? ReadPublicUrl(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (!Uri.TryCreate(value.TrimEnd('/'), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new InvalidOperationException($"Hub:PublicUrl must be an absolute http or https URL, not '{value}'");
        }

        return uri;
    }

    // A list in appsettings.json (`Allow:0`, `Allow:1`), or one comma-separated value from `Hub__Ingress__Allow`.
    private static IngressOptions ReadIngress(IConfigurationSection section)
    {
        var allow = section.GetSection("Allow");
        var entries = allow.Value is { } single ? [single] : allow.GetChildren().Select(c => c.Value ?? "").ToArray();
        return IngressOptions.Allowing(
            entries,
            section.GetValue("ClusterServicesOnly", defaultValue: false),
            section["ClusterDomain"] ?? "cluster.local");
    }

    private static DatabaseOptions ReadDatabase(IConfigurationSection section)
    {
        var provider = (section["Provider"] ?? "sqlite").ToLowerInvariant() switch
        {
            "sqlite" => DatabaseProvider.Sqlite,
            "postgres" or "postgresql" or "npgsql" => DatabaseProvider.Postgres,
            var other => throw new InvalidOperationException($"Hub:Database:Provider must be sqlite or postgres, not '{other}'"),
        };
        var connectionString = section["ConnectionString"];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = provider == DatabaseProvider.Sqlite
                ? $"Data Source={DefaultDatabaseFile.Path()}"
                : throw new InvalidOperationException("Hub:Database:ConnectionString is required for postgres");
        }

        return new DatabaseOptions(provider, connectionString);
    }

    private static OidcOptions? ReadOidc(IConfigurationSection section)
    {
        var (authority, clientId, clientSecret) = (section["Authority"], section["ClientId"], section["ClientSecret"]);
        if (string.IsNullOrWhiteSpace(authority) || string.IsNullOrWhiteSpace(clientId) || string.IsNullOrWhiteSpace(clientSecret))
        {
            return null;
        }

        return new OidcOptions(
            authority,
            clientId,
            clientSecret,
            section["DisplayName"] ?? "OIDC",
            section.GetValue("RequireVerifiedEmail", defaultValue: true));
    }
}
