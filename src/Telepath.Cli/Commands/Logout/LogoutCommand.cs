using Telepath.Core;
using Telepath.Hub.Client;

namespace Telepath.Cli.Commands.Logout;

internal static class LogoutCommand
{
    public static async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var path = HubCredentials.DefaultPath;
        var credentials = HubCredentials.Load(path) ?? throw new UserErrorException("not logged in to a hub");
        using var hub = new HubClient(HubClient.ParseHubUrl(credentials.Hub), credentials.Token);
        try
        {
            await hub.RevokeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (UserErrorException e)
        {
            // The local copy goes either way: keeping a credential the user asked to drop is worse.
            HubCredentials.Delete(path);
            throw new UserErrorException($"signed out here, but the credential could not be revoked at the hub ({e.Message}); revoke it on the hub's API keys page");
        }

        HubCredentials.Delete(path);
        await Console.Out.WriteLineAsync($"Logged out of {credentials.Hub}").ConfigureAwait(false);
        return 0;
    }
}
