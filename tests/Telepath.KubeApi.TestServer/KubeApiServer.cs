using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telepath.KubeApi.TestServer.Allocation;
using Telepath.KubeApi.TestServer.Auth;
using Telepath.KubeApi.TestServer.Controllers;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Http;
using Telepath.KubeApi.TestServer.Pods;
using Telepath.KubeApi.TestServer.PortForward;
using Telepath.KubeApi.TestServer.Storage;
using Telepath.KubeApi.TestServer.Tokens;
using Telepath.KubeApi.TestServer.Watch;

namespace Telepath.KubeApi.TestServer;

/// <summary>
/// An in-process Kubernetes API server for tests: HTTPS on 127.0.0.1 (self-signed), the real REST paths and
/// JSON, bearer-token auth, watches, patches, a deployment controller, pods as local processes on
/// their own loopback addresses, and WebSocket port-forward. Service account tokens (TokenRequest,
/// projected volumes) are signed JWTs that TokenReview and bearer authentication check; access is
/// what <see cref="AccessRules"/> does not deny, for requests and SubjectAccessReviews alike.
/// </summary>
public sealed class KubeApiServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly CancellationTokenSource stopping;
    private readonly ControllerLoop controllers;
    private readonly Kubelet kubelet;
    private readonly ServiceAccountTokens serviceAccountTokens;

    private KubeApiServer(WebApplication app, CancellationTokenSource stopping, ObjectStore store, TokenRegistry tokens,
        AccessRules access, ServiceAccountTokens serviceAccountTokens, ControllerLoop controllers, Kubelet kubelet)
    {
        this.serviceAccountTokens = serviceAccountTokens;
        this.app = app;
        this.stopping = stopping;
        Store = store;
        Tokens = tokens;
        Access = access;
        this.controllers = controllers;
        this.kubelet = kubelet;
    }

    /// <summary>The server's base address, e.g. <c>https://127.0.0.1:41234</c>.</summary>
    public string Url { get; private set; } = "";

    /// <summary>The serving certificate (self-signed, its own CA), PEM-encoded.</summary>
    public string CertificatePem { get; private init; } = "";

    /// <summary>The cluster state; tests may seed or inspect objects directly (no auth, no RBAC).</summary>
    public ObjectStore Store { get; }

    public TokenRegistry Tokens { get; }

    public AccessRules Access { get; }

    /// <summary>The service account token issuer (<see cref="KubeApiServerOptions.ServiceAccountIssuer"/>), the <c>iss</c> of every token.</summary>
    public string ServiceAccountIssuer => serviceAccountTokens.Issuer;

    /// <summary>
    /// A token for a service account, as a TokenRequest gets it (same key, same refusals, no RBAC): what
    /// a kubelet asks for a projected volume, and a test for a token it does not want to fetch over HTTP.
    /// </summary>
    public IssuedToken IssueServiceAccountToken(string @namespace, string serviceAccount, TokenRequestSpec spec) =>
        serviceAccountTokens.Issue(@namespace, serviceAccount, spec);

    public static async Task<KubeApiServer> StartAsync(KubeApiServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new KubeApiServerOptions();
        var served = ServedResources.For(options);
        ObjectStore? created = null;
        var store = created = new ObjectStore(Admission.CreateDefault(ServiceRangesOf(options, () => created!)), options.Time);
        foreach (var ns in options.Namespaces)
        {
            store.Create(ResourceCatalog.Namespaces, new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } });
        }

        if (served.ServiceCidrs)
        {
            DefaultServiceCidr.Create(store, options);
        }

        var tokens = new TokenRegistry();
        foreach (var (token, user) in options.Tokens)
        {
            tokens.Add(token, user);
        }

        var access = new AccessRules();
        var serviceAccountTokens = new ServiceAccountTokens(store, options.Time, options.ServiceAccountIssuer);
        var stopping = new CancellationTokenSource();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var certificate = ServingCertificate.Create(options.CertificateAddresses);
        builder.WebHost.UseKestrel(k => k.Listen(options.ListenAddress, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        var controllers = new ControllerLoop(store, options.Time);
        var kubelet = new Kubelet(store, options, new PodIpAllocator(options.FirstPodIp), serviceAccountTokens);
        var server = new KubeApiServer(app, stopping, store, tokens, access, serviceAccountTokens, controllers, kubelet)
        {
            CertificatePem = ServingCertificate.ToPem(certificate),
        };
        var handler = new KubeApiHandler(new RequestAuthenticator(tokens, serviceAccountTokens), access,
            new ResourceEndpoint(store, new WatchStreamer(store)), new PortForwardEndpoint(store),
            new TokenRequestEndpoint(serviceAccountTokens), new ReviewEndpoint(serviceAccountTokens, access),
            served, () => new Uri(server.Url).Authority, stopping.Token);
        app.UseWebSockets();
        app.Run(handler.HandleAsync);
        await app.StartAsync(cancellationToken);
        var bound = new Uri(app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<IServerAddressesFeature>()!.Addresses.First());
        server.Url = $"https://{(options.ListenAddress.Equals(IPAddress.Any) ? IPAddress.Loopback : options.ListenAddress)}:{bound.Port}";
        controllers.Start();
        kubelet.Start();
        return server;
    }

    /// <summary>
    /// Writes a kubeconfig whose current context points at this server with a bearer token
    /// (the default token unless given), for KubernetesClient and kubectl alike.
    /// </summary>
    /// <param name="server">The address to dial when it is not <see cref="Url"/>, e.g. from another network namespace.</param>
    public void WriteKubeconfig(string path, string contextName = "telepath-test", string @namespace = "default", string? token = null, string? server = null) =>
        Kubeconfig.Write(path, server ?? Url, CertificatePem, contextName, @namespace, token ?? KubeApiServerOptions.DefaultToken);

    /// <summary>
    /// Gives <paramref name="user"/> a bearer token of their own and writes a kubeconfig that uses it,
    /// so a test acts as that user and meets what <see cref="Deny"/> refused them. Returns the token.
    /// </summary>
    public string WriteUserKubeconfig(string path, string user, string contextName = "telepath-test", string @namespace = "default", string? server = null)
    {
        var token = Tokens.Issue(user);
        WriteKubeconfig(path, contextName, @namespace, token, server);
        return token;
    }

    /// <summary>
    /// Refuses <paramref name="verb"/> (get, list, watch, create, update, patch, delete, or *) on
    /// <paramref name="resource"/> (<c>deployments</c>, <c>deployments.apps</c>, <c>pods/portforward</c>)
    /// with RBAC's 403, in one namespace or (null) everywhere, for one user or (null) everyone.
    /// <c>Deny("*", "*", "b", "alice")</c>: alice may do nothing in namespace b.
    /// </summary>
    public void Deny(string verb, string resource, string? @namespace = null, string? user = null) =>
        Access.Deny(new DenyRule(verb, resource, @namespace, user));

    public void Allow(string verb, string resource, string? @namespace = null, string? user = null) =>
        Access.Allow(new DenyRule(verb, resource, @namespace, user));

    /// <summary>From now on the token gets 401 Unauthorized.</summary>
    public void ExpireToken(string token) => Tokens.Expire(token);

    public void AddToken(string token, string user) => Tokens.Add(token, user);

    private static ServiceRanges ServiceRangesOf(KubeApiServerOptions options, Func<ObjectStore> store)
    {
        if (options.ServiceCidr.BaseAddress.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException("the test server's service range is IPv4", nameof(options));
        }

        Func<IReadOnlyList<IPNetwork>>? serviceCidrs = options.ServeServiceCidrs ? () => ServiceRanges.OfServiceCidrs(store()) : null;
        return new ServiceRanges(options.ServiceCidr, serviceCidrs, ip => ServiceAddresses(store()).Contains(ip.ToString()));
    }

    private static IEnumerable<string> ServiceAddresses(ObjectStore store) =>
        store.List(ResourceCatalog.Services, null).Items.SelectMany(s => s.Array("spec.clusterIPs").Select(ip => ip?.GetValue<string>() ?? ""));

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        Store.CloseWatches();
        await controllers.DisposeAsync();
        await kubelet.DisposeAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await app.StopAsync(timeout.Token);
        await app.DisposeAsync();
        serviceAccountTokens.Dispose();
        stopping.Dispose();
    }
}
