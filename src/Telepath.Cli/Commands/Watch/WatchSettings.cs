namespace Telepath.Cli.Commands.Watch;

internal sealed record WatchSettings(string? Name, bool All, bool ShowQuery, OutputFormat Output);
