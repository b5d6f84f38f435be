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
        if (existing is not null && HubClient.ParseHubUrl(existing.Hub) == hubUrl && parse.GetValue(definition.ApiKey) is null)
        {
            await Console.Out.WriteLineAsync($"Already logged in to {existing.Hub} as {existing.User} ({existing.Organisation}); \"telepath logout\" signs out").ConfigureAwait(false);
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
            token = await DeviceLogin.RunAsync(anonymous, Console.Error, cancellationToken).ConfigureAwait(false);
            kind = "device";
        }

        using var signedIn = new HubClient(hubUrl, token);
        var identity = await signedIn.WhoAmIAsync(cancellationToken).ConfigureAwait(false);
        new HubCredentials(hubUrl.ToString(), token, kind, identity.Email, identity.Organisation).Save(path);
        await Console.Out.WriteLineAsync($"Logged in to {hubUrl} as {identity.Email} ({identity.Organisation})").ConfigureAwait(false);
        return 0;
    }
}
