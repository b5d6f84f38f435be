using Telepath.Cli.Browser;
using Telepath.Cli.Commands.Login;
using Telepath.Hub.Client;

namespace Telepath.Cli.Commands.Dashboard;

internal static class DashboardCommand
{
    public static async Task<int> RunAsync(string? hubFlag)
    {
        var hub = HubAddress.Resolve(hubFlag, HubCredentials.Load(HubCredentials.DefaultPath));
        var dashboard = new Uri(hub, "dashboard").ToString();
        await Console.Out.WriteLineAsync(BrowserLauncher.TryOpen(dashboard) ? $"Opened {dashboard}" : $"Dashboard: {dashboard}").ConfigureAwait(false);
        return 0;
    }
}
