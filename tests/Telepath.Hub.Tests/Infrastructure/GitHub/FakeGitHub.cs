using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace Telepath.Hub.Tests.Infrastructure.GitHub;

/// <summary>
/// GitHub's OAuth web flow and the REST calls the hub makes, on a loopback Kestrel server, in GitHub's documented wire
/// format: `/login/oauth/authorize` sends the person back with a code and the state; `/login/oauth/access_token`
/// answers in JSON or form encoding after the Accept header, with a 200 and an `error` field for a bad code;
/// the API (under <see cref="ApiUrl"/>, as on GitHub Enterprise Server) takes `Bearer` or `token` authorization,
/// answers 401 "Bad credentials", paginates with `Link` headers, and `/orgs/{org}/members/{user}` answers 204, 404,
/// or 302 to the public members check when the caller is no member. Who is signed in at GitHub is <see cref="SignIn"/>.
/// </summary>
public sealed class FakeGitHub : IAsyncDisposable
{
    public const string ClientId = "Iv1.fakeclientid";
    public const string ClientSecret = "fake-client-secret";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, FakeGitHubUser> _users = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, HashSet<string>> _members = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Grant> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Grant> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _apiCalls = new();
    private string? _signedIn;

    private sealed record Grant(string Login, string Scope, string RedirectUri, string? CodeChallenge);

    private FakeGitHub(WebApplication app) => _app = app;

    public Uri WebUrl { get; private set; } = null!;

    /// <summary>GitHub Enterprise Server's layout: the API under `/api/v3` of the same host.</summary>
    public Uri ApiUrl => new(WebUrl, "/api/v3");

    /// <summary>API requests in order, with the caller's login (`alice GET /api/v3/user/orgs?…`), to tell whether the hub asked GitHub.</summary>
    public IReadOnlyList<string> ApiCalls => [.. _apiCalls];

    /// <summary>The API requests made with <paramref name="login"/>'s token.</summary>
    public int ApiCallsOf(string login) => ApiCalls.Count(c => c.StartsWith(login + " ", StringComparison.OrdinalIgnoreCase));

    public static async Task<FakeGitHub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeGitHub(app);
        fake.Map(app);
        await app.StartAsync();
        fake.WebUrl = new Uri(app.Urls.First());
        return fake;
    }

    /// <summary>While true the API answers 503, as GitHub does in an outage.</summary>
    public bool Unavailable { get; set; }

    public void AddUser(FakeGitHubUser user) => _users[user.Login] = user;

    /// <summary>Makes <paramref name="login"/> a member of <paramref name="organization"/>, which exists from then on.</summary>
    public void AddMember(string organization, string login) => _members.GetOrAdd(organization, _ => []).Add(login);

    public void RemoveMember(string organization, string login) => _members.GetOrAdd(organization, _ => []).Remove(login);

    /// <summary>What revoking the app in GitHub's settings does: the person's tokens get 401 from then on.</summary>
    public void RevokeTokensOf(string login)
    {
        foreach (var token in _tokens.Where(t => t.Value.Login == login))
        {
            _tokens.TryRemove(token);
        }
    }

    /// <summary>The person signed in at GitHub, who approves the app when sent to the authorize page.</summary>
    public void SignIn(string login) => _signedIn = login;

    private void Map(WebApplication app)
    {
        app.MapGet("/login/oauth/authorize", Authorize);
        app.MapPost("/login/oauth/access_token", AccessTokenAsync);
        var api = app.MapGroup("/api/v3").AddEndpointFilter(async (context, next) =>
        {
            var request = context.HttpContext.Request;
            _apiCalls.Enqueue($"{Caller(request)?.Login ?? "(anonymous)"} {request.Method} {request.Path}{request.QueryString}");
            if (Unavailable)
            {
                return Results.Json(new { message = "Service Unavailable" }, statusCode: 503);
            }

            return Caller(request) is null
                ? Results.Json(new { message = "Bad credentials", documentation_url = "https://docs.github.com/rest" }, statusCode: 401)
                : await next(context);
        });
        api.MapGet("/user", (HttpRequest request) => UserJson(Caller(request)!));
        api.MapGet("/user/emails", (HttpRequest request) =>
            Page(request, _users[Caller(request)!.Login].Emails.Select(e => new { email = e.Email, primary = e.Primary, verified = e.Verified, visibility = e.Visibility })));
        api.MapGet("/user/orgs", (HttpRequest request) =>
            Page(request, OrganizationsOf(Caller(request)!.Login).Select(o => new
            {
                login = o,
                id = OrganizationId(o),
                node_id = $"O_{o}",
                url = new Uri(ApiUrl, $"/api/v3/orgs/{o}").AbsoluteUri,
                description = (string?)null,
            })));
        api.MapGet("/orgs/{org}/members/{user}", (string org, string user, HttpRequest request) =>
            !IsMember(org, Caller(request)!.Login) ? Results.Redirect(new Uri(ApiUrl, $"/api/v3/orgs/{org}/public_members/{user}").AbsoluteUri)
            : IsMember(org, user) ? Results.NoContent()
            : NotFound());
        // Memberships here are all private, as GitHub's are by default.
        api.MapGet("/orgs/{org}/public_members/{user}", () => NotFound());
    }

    private IResult Authorize(HttpRequest request)
    {
        var query = request.Query;
        string? redirectUri = query["redirect_uri"];
        if (query["client_id"] != ClientId || redirectUri is null || _signedIn is null)
        {
            return Results.BadRequest("The redirect_uri MUST match the registered callback URL for this application.");
        }

        var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(10)).ToLowerInvariant();
        _codes[code] = new Grant(_signedIn, query["scope"].ToString(), redirectUri, query["code_challenge_method"] == "S256" ? query["code_challenge"].ToString() : null);
        var separator = redirectUri.Contains('?') ? '&' : '?';
        return Results.Redirect($"{redirectUri}{separator}code={code}&state={Uri.EscapeDataString(query["state"].ToString())}");
    }

    private async Task<IResult> AccessTokenAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        var json = request.Headers.Accept.Any(a => a?.Contains("json", StringComparison.OrdinalIgnoreCase) == true);
        if (form["client_id"] != ClientId || form["client_secret"] != ClientSecret)
        {
            return Answer(json, ("error", "incorrect_client_credentials"), ("error_description", "The client_id and/or client_secret passed are incorrect."));
        }

        if (!_codes.TryRemove(form["code"].ToString(), out var grant)
            || (form.TryGetValue("redirect_uri", out var redirectUri) && redirectUri != grant.RedirectUri)
            || (grant.CodeChallenge is not null && Challenge(form["code_verifier"]) != grant.CodeChallenge))
        {
            return Answer(json, ("error", "bad_verification_code"), ("error_description", "The code passed is incorrect or expired."));
        }

        var token = "gho_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(18));
        _tokens[token] = grant;
        // GitHub lists granted scopes comma-separated, unlike the space-separated request.
        return Answer(json, ("access_token", token), ("token_type", "bearer"), ("scope", string.Join(',', grant.Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries))));
    }

    private static IResult Answer(bool json, params (string Name, string Value)[] fields) => json
        ? Results.Json(fields.ToDictionary(f => f.Name, f => f.Value))
        : Results.Text(string.Join('&', fields.Select(f => $"{f.Name}={Uri.EscapeDataString(f.Value)}")), "application/x-www-form-urlencoded");

    private static string Challenge(StringValues verifier) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier.ToString()))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private FakeGitHubUser? Caller(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..]
            : header.StartsWith("token ", StringComparison.OrdinalIgnoreCase) ? header[6..]
            : null;
        return token is not null && _tokens.TryGetValue(token.Trim(), out var grant) ? _users[grant.Login] : null;
    }

    private static IResult UserJson(FakeGitHubUser user) => Results.Json(new
    {
        login = user.Login,
        id = user.Id,
        node_id = $"U_{user.Id}",
        type = "User",
        name = user.Name,
        email = user.PublicEmail,
    });

    private List<string> OrganizationsOf(string login) => [.. _members.Where(m => m.Value.Contains(login)).Select(m => m.Key).Order(StringComparer.Ordinal)];

    private bool IsMember(string organization, string login) => _members.TryGetValue(organization, out var members) && members.Contains(login);

    private static long OrganizationId(string login) => 9_000_000 + Math.Abs(StringComparer.OrdinalIgnoreCase.GetHashCode(login) % 1_000_000);

    private static IResult NotFound() => Results.Json(new { message = "Not Found", documentation_url = "https://docs.github.com/rest" }, statusCode: 404);

    // GitHub's pagination: `per_page` (at most 100) and `page`, with a `Link` header naming the next and last pages.
    private static IResult Page<T>(HttpRequest request, IEnumerable<T> items)
    {
        var all = items.ToList();
        var perPage = Math.Clamp(int.TryParse(request.Query["per_page"], out var p) ? p : 30, 1, 100);
        var page = Math.Max(int.TryParse(request.Query["page"], out var n) ? n : 1, 1);
        var last = Math.Max((all.Count + perPage - 1) / perPage, 1);
        if (page < last)
        {
            var url = $"{request.Scheme}://{request.Host}{request.Path}?per_page={perPage}";
            request.HttpContext.Response.Headers.Link = $"<{url}&page={page + 1}>; rel=\"next\", <{url}&page={last}>; rel=\"last\"";
        }

        return Results.Json(all.Skip((page - 1) * perPage).Take(perPage));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
