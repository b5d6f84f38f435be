namespace Telepath.Cli.Commands.Demo;

/// <summary>
/// The demo's preview hub: `telepath-hub` on 127.0.0.1 with a SQLite file in the demo's folder,
/// previews at <c>&lt;id&gt;.localhost</c> (which browsers and curl send to this machine), and one
/// demo account, made by the hub at start, whose API key the demo laptop logs in with.
/// </summary>
internal static class DemoHub
{
    public const string Email = "demo@telepath.local";
    public const string Password = "telepath demo password";
    public const string Organisation = "Demo";

    /// <returns>The hub's address and the demo account's API key. The cluster stops the hub with its other processes.</returns>
    public static async Task<(Uri Url, string ApiKey)> StartAsync(DemoCluster cluster, CancellationToken cancellationToken)
    {
        var keyFile = Path.Combine(cluster.Directory, "hub-api-key");
        var url = await cluster.StartHubProcessAsync(
            ["--urls", "http://127.0.0.1:0"],
            new Dictionary<string, string>
            {
                ["Hub__PreviewDomain"] = "localhost",
                // The demo's ingress is on this machine, which a hub refuses unless told.
                ["Hub__Ingress__Allow"] = "127.0.0.1/32",
                ["Hub__Database__Provider"] = "sqlite",
                ["Hub__Database__ConnectionString"] = $"Data Source={Path.Combine(cluster.Directory, "hub.db")}",
                ["Hub__DemoAccount__Email"] = Email,
                ["Hub__DemoAccount__Password"] = Password,
                ["Hub__DemoAccount__Organisation"] = Organisation,
                ["Hub__DemoAccount__KeyFile"] = keyFile,
            },
            cancellationToken);

        // The hub writes the key before it prints the line it was waited for.
        return (url, (await File.ReadAllTextAsync(keyFile, cancellationToken)).Trim());
    }
}
