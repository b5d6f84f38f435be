using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telepath.Hub.Hosting;
using Telepath.Hub.Previews.Ingress;

namespace Telepath.Hub.Tests.Infrastructure;

/// <summary>
/// The real hub in the test process: Kestrel on 127.0.0.1:0 (real sockets), the given database, its console
/// captured, its logs silent. Started again on the same database to act out a restart. Its previews may name
/// 127.0.0.1, where the tests' ingresses listen (<see cref="LoopbackIngresses"/>); a test of the ingress policy
/// sets its own.
/// </summary>
public sealed class TestHub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly StringWriter _console;

    private TestHub(WebApplication app, StringWriter console, Uri baseAddress)
    {
        _app = app;
        _console = console;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>The hub's services, for a test to look at what a request left in the database.</summary>
    public IServiceProvider Services => _app.Services;

    public string ConsoleOutput => _console.ToString();

    /// <summary>The set-up link printed at start, or null.</summary>
    public string? SetupLink => ConsoleOutput.Split('\n')
        .Select(line => line.Trim())
        .Where(line => line.StartsWith(SetupLinePrefix, StringComparison.Ordinal))
        .Select(line => line[SetupLinePrefix.Length..])
        .SingleOrDefault();

    public const string SetupLinePrefix = "Set up the first admin account: ";

    /// <summary>What a hub must allow for the tests' <see cref="LoopbackIngress"/>: loopback is refused by default.</summary>
    public static IngressOptions LoopbackIngresses { get; } = IngressOptions.Allowing(["127.0.0.1/32"]);

    /// <param name="resolver">Answers ingress names instead of the machine's resolver.</param>
    public static async Task<TestHub> StartAsync(
        TestDatabase database, Func<HubOptions, HubOptions>? adjust = null, TimeProvider? time = null, IIngressResolver? resolver = null)
    {
        var options = new HubOptions(["http://127.0.0.1:0"], PublicUrl: null, PreviewDomain: "localhost", database.Options, Ingress: LoopbackIngresses);
        options = adjust?.Invoke(options) ?? options;
        var console = new StringWriter();
        var app = HubHost.Build(options, builder =>
        {
            builder.Logging.ClearProviders();
            builder.Services.AddSingleton(new HubConsole(TextWriter.Synchronized(console)));
            if (time is not null)
            {
                builder.Services.AddSingleton(time);
            }

            if (resolver is not null)
            {
                builder.Services.AddSingleton(resolver);
            }
        });
        await app.StartAsync();
        return new TestHub(app, console, HubHost.BoundAddress(app));
    }

    /// <summary>A browser of its own: an empty cookie jar, redirects not followed so tests see them.</summary>
    public HubBrowser Browser() => new(BaseAddress);

    /// <summary>A plain API client, with `Authorization: Bearer` when a token is given.</summary>
    public HttpClient Api(string? bearer = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
