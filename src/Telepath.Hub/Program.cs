using Telepath.Hub.Hosting;

// telepath-hub: settings from appsettings.json, Hub__* environment variables and --Hub:* / --urls flags.
var configuration = new ConfigurationBuilder()
    .SetBasePath(Directory.GetCurrentDirectory())
    .AddJsonFile("appsettings.json", optional: true)
    .AddEnvironmentVariables()
    .AddCommandLine(args)
    .Build();

var app = HubHost.Build(HubOptionsReader.Read(configuration));
await app.RunAsync();
