using Telepath.Hub.Accounts.GitHub;
using Telepath.Hub.Previews.Ingress;

namespace Telepath.Hub.Hosting;

/// <summary>Everything the hub is told at start; read from configuration by <see cref="HubOptionsReader"/>.</summary>
/// <param name="Urls">Where Kestrel listens (`--urls`).</param>
/// <param name="PublicUrl">The address users and the CLI reach the hub at; null means the first bound address.</param>
/// <param name="VerifyIngressCertificates">False accepts any certificate from a preview's TLS ingress (self-signed ones inside a cluster).</param>
/// <param name="TrustedProxies">Reverse proxies (addresses or CIDRs) whose X-Forwarded-For names the client; none by default.</param>
/// <param name="Ingress">Which ingresses a preview may name; null is <see cref="IngressOptions.Default"/>.</param>
/// <param name="GitHub">Sign-in with GitHub and the GitHub organisations served; null when not configured.</param>
/// <param name="PreviewDomain">Previews live at `&lt;id&gt;.&lt;PreviewDomain&gt;`; `localhost` for local use.</param>
public sealed record HubOptions(
    IReadOnlyList<string> Urls,
    Uri? PublicUrl,
    string PreviewDomain,
    DatabaseOptions Database,
    OidcOptions? Oidc = null,
    RateLimitOptions? RateLimits = null,
    DeviceFlowOptions? DeviceFlow = null,
    bool VerifyIngressCertificates = true,
    IReadOnlyList<string>? TrustedProxies = null,
    IngressOptions? Ingress = null,
    GitHubOptions? GitHub = null)
{
    public IngressOptions EffectiveIngress => Ingress ?? IngressOptions.Default;

    public RateLimitOptions EffectiveRateLimits => RateLimits ?? new RateLimitOptions();

    public DeviceFlowOptions EffectiveDeviceFlow => DeviceFlow ?? new DeviceFlowOptions();

    public bool PublicUrlIsHttps => PublicUrl is { Scheme: "https" };
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString);

/// <param name="DisplayName">Shown as "Sign in with &lt;DisplayName&gt;".</param>
/// <param name="RequireVerifiedEmail">Admit only an `email_verified: true` email claim; the email is what ties a person to an invitation.</param>
public sealed record OidcOptions(string Authority, string ClientId, string ClientSecret, string DisplayName = "OIDC", bool RequireVerifiedEmail = true);

/// <summary>Requests per client IP address per window, for the endpoints that guess secrets.</summary>
public sealed record RateLimitOptions(int SignInPermits = 10, int CliTokenPermits = 60, int DeviceCodeEntryPermits = 10, TimeSpan? Window = null)
{
    public TimeSpan EffectiveWindow => Window ?? TimeSpan.FromMinutes(1);
}

/// <summary>RFC 8628 timings: how long a device code lives and how often the CLI may poll.</summary>
public sealed record DeviceFlowOptions(TimeSpan? Lifetime = null, TimeSpan? PollingInterval = null)
{
    public TimeSpan EffectiveLifetime => Lifetime ?? TimeSpan.FromMinutes(10);

    public TimeSpan EffectivePollingInterval => PollingInterval ?? TimeSpan.FromSeconds(5);
}
