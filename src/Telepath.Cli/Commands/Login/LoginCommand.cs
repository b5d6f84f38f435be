using System.CommandLine;
using Telepath.Core;
using Telepath.Hub.Client;

namespace Telepath.Cli.Commands.Login;

internal sealed class LoginCommand(LoginCommandDefinition definition, ParseResult parse)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var path = HubCredentials.DefaultPath;
        var existing = HubCredentials.Load(path);
        var hubUrl = HubAddress.Resolve(parse.GetValue(definition.Hub), existing);
        var organisation = parse.GetValue(definition.Organisation) is { } org && org.Trim().Length > 0 ? org.Trim() : null;
        var sameLogin = existing is not null
            && HubClient.ParseHubUrl(existing.Hub) == hubUrl
            && (organisation is null || string.Equals(organisation, existing.Organisation, StringComparison.OrdinalIgnoreCase));
        if (sameLogin && parse.GetValue(definition.ApiKey) is null)
        {
            await Console.Out.WriteLineAsync($"Already logged in to {existing!.Hub} as {existing.User} (organisation {existing.Organisation}); \"telepath logout\" signs out").ConfigureAwait(false);
            return 0;
        }

        string token;
        string kind;
        if (parse.GetValue(definition.ApiKey) is { } apiKey)
        {
            token = apiKey.Trim().Length > 0 ? apiKey.Trim() : throw new UserErrorException("--api-key is empty; make a key on the hub's API keys page");
            kind = "api-key";
        }
        else
        {
            using var anonymous = new HubClient(hubUrl);
            token = await DeviceLogin.RunAsync(anonymous, organisation, Console.Error, cancellationToken).ConfigureAwait(false);
            kind = "device";
        }

        using var signedIn = new HubClient(hubUrl, token);
        var identity = await signedIn.WhoAmIAsync(cancellationToken).ConfigureAwait(false);
        if (kind == "api-key" && organisation is not null && !string.Equals(organisation, identity.Organisation, StringComparison.OrdinalIgnoreCase))
        {
            throw new UserErrorException($"this API key acts in the organisation {identity.Organisation}, not {organisation}; make a key while acting in {organisation} on the hub's API keys page");
        }

        new HubCredentials(hubUrl.ToString(), token, kind, identity.Email, identity.Organisation).Save(path);
        await RevokeReplacedAsync(existing, token, cancellationToken).ConfigureAwait(false);
        await Console.Out.WriteLineAsync($"Logged in to {hubUrl} as {identity.Email} (organisation {identity.Organisation})").ConfigureAwait(false);
        return 0;
    }

    // A device login replaced by one for another organisation would otherwise stay valid, unused and unseen, until
    // revoked on the hub's page. API keys are the person's to manage; they are left alone.
    private static async Task RevokeReplacedAsync(HubCredentials? replaced, string newToken, CancellationToken cancellationToken)
    {
        if (replaced is not { Kind: "device" } || replaced.Token == newToken)
        {
            return;
        }

        try
        {
            using var old = new HubClient(HubClient.ParseHubUrl(replaced.Hub), replaced.Token);
            await old.RevokeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (UserErrorException)
        {
            // Already revoked, or that hub is gone: nothing is left to clean up that this CLI could reach.
        }
    }
}
