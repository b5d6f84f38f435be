using Telepath.Hub.Hosting;

// telepath-hub: settings from appsettings.json, Hub__* environment variables and --Hub:* / --urls flags.
var configuration = new ConfigurationBuilder()
    .SetBasePath(Directory.GetCurrentDirectory())
    .AddJsonFile("appsettings.json", optional: true)
    .AddEnvironmentVariables()
    .AddCommandLine(args)
    .Build();

var demo = DemoAccountSettings.Read(configuration);
var app = HubHost.Build(
    HubOptionsReader.Read(configuration),
    // The set-up link is for a hub people run; a demo hub makes its account itself.
    demo is null ? null : builder => builder.Services.AddSingleton(new HubConsole(TextWriter.Null)));
await app.StartAsync();
if (demo is not null)
{
    await demo.CreateAsync(app.Services);
}

// The line `telepath demo` waits for; with port 0 in --urls it tells the port taken.
Console.Out.WriteLine($"telepath-hub listening on {HubHost.BoundAddress(app)}");
Console.Out.Flush();
await app.WaitForShutdownAsync();
