using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telepath.Hub.Hosting;

namespace Telepath.Cli.Commands.Demo;

/// <summary>
/// The demo's preview hub, in this process on 127.0.0.1 with a SQLite file in the demo's folder,
/// previews at <c>&lt;id&gt;.localhost</c> (which browsers and curl send to this machine), and one
/// demo account whose API key the demo laptop logs in with.
/// </summary>
internal sealed class DemoHub : IAsyncDisposable
{
    public const string Email = "demo@telepath.local";
    public const string Password = "telepath demo password";
    public const string Organisation = "Demo";

    private readonly WebApplication _app;

    private DemoHub(WebApplication app, Uri url, string apiKey)
    {
        _app = app;
        Url = url;
        ApiKey = apiKey;
    }

    public Uri Url { get; }

    public string ApiKey { get; }

    public static async Task<DemoHub> StartAsync(string directory, CancellationToken cancellationToken)
    {
        var options = new HubOptions(
            ["http://127.0.0.1:0"],
            PublicUrl: null,
            PreviewDomain: "localhost",
            new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(directory, "hub.db")}"));
        var app = HubHost.Build(options, builder =>
        {
            builder.Logging.ClearProviders();
            // The set-up link is for a hub people run; the demo makes its account itself.
            builder.Services.AddSingleton(new HubConsole(TextWriter.Null));
        });
        try
        {
            await app.StartAsync(cancellationToken);
            var apiKey = await DemoAccount.CreateAsync(app.Services, Email, Password, Organisation, cancellationToken);
            return new DemoHub(app, HubHost.BoundAddress(app), apiKey);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
