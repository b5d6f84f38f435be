using Telepath.Hub.Accounts;
using Telepath.Hub.Tests.Infrastructure;

namespace Telepath.Hub.Tests.Accounts;

/// <summary>
/// The whole way to a loopback OpenID Connect provider and back: who gets an account, who is refused, and that the
/// hub's handler refuses an ID token it should not trust.
/// </summary>
public abstract class OidcSignInTests(HubDatabaseKind database) : HubTestBase(database)
{
    private const string Carol = "carol@a.example";
    private const string Dave = "dave@a.example";

    [HubFact]
    public async Task An_invited_person_signs_in_through_the_provider_and_gets_an_account_with_that_identity()
    {
        var (hub, provider) = await StartAsync();
        using var admin = await hub.SetUpAdminAsync();
        await admin.InviteAsync(Carol);
        provider.SignedIn = new ProviderIdentity("carol-at-sso", Carol);
        using var carol = hub.Browser();

        var end = await carol.SignInWithProviderAsync();

        Assert.True(await carol.IsSignedInAsync(), end.Html);
        var login = Assert.Single((await hub.LoginsOfAsync(Carol))!);
        Assert.Equal(("oidc", "carol-at-sso"), (login.LoginProvider, login.ProviderKey));
    }

    [HubFact]
    public async Task An_identity_with_the_email_of_a_password_account_is_refused_and_not_linked_to_it()
    {
        var (hub, provider) = await StartAsync();
        using var admin = await hub.SetUpAdminAsync();
        (await hub.AcceptInvitationAsync(await admin.InviteAsync(Dave))).Dispose();
        provider.SignedIn = new ProviderIdentity("someone-else-at-sso", Dave);
        using var stranger = hub.Browser();

        var end = await stranger.SignInWithProviderAsync();

        Assert.True(end.Contains(ExternalAccounts.EmailTaken(LoopbackOidcProvider.DisplayName)), end.Html);
        Assert.False(await stranger.IsSignedInAsync());
        Assert.Empty((await hub.LoginsOfAsync(Dave))!);
    }

    [HubFact]
    public async Task An_identity_with_the_hub_administrators_email_is_refused_and_not_linked_to_it()
    {
        var (hub, provider) = await StartAsync();
        (await hub.SetUpAdminAsync()).Dispose();
        provider.SignedIn = new ProviderIdentity("someone-else-at-sso", HubScenarios.AdminEmail);
        using var stranger = hub.Browser();

        var end = await stranger.SignInWithProviderAsync();

        Assert.True(end.Contains(ExternalAccounts.EmailTaken(LoopbackOidcProvider.DisplayName)), end.Html);
        Assert.False(await stranger.IsSignedInAsync());
        Assert.Empty((await hub.LoginsOfAsync(HubScenarios.AdminEmail))!);
    }

    [HubFact]
    public async Task An_id_token_signed_with_another_key_is_refused() => await AssertRefusedAsync(IdTokenFault.SignedWithAnotherKey);

    [HubFact]
    public async Task An_id_token_for_another_audience_is_refused() => await AssertRefusedAsync(IdTokenFault.ForAnotherAudience);

    [HubFact]
    public async Task An_id_token_with_another_nonce_is_refused() => await AssertRefusedAsync(IdTokenFault.WrongNonce);

    private async Task AssertRefusedAsync(IdTokenFault fault)
    {
        var (hub, provider) = await StartAsync();
        using var admin = await hub.SetUpAdminAsync();
        await admin.InviteAsync(Carol);
        provider.SignedIn = new ProviderIdentity("carol-at-sso", Carol);
        provider.Fault = fault;
        using var carol = hub.Browser();

        var end = await carol.SignInWithProviderAsync();

        // The provider did answer with a token: it is the hub that would not take it.
        Assert.Equal(1, provider.IdTokensIssued);
        Assert.True(end.Contains(ExternalAccounts.DidNotComplete), end.Html);
        Assert.False(await carol.IsSignedInAsync());
        Assert.Null(await hub.LoginsOfAsync(Carol));
    }

    private async Task<(TestHub Hub, LoopbackOidcProvider Provider)> StartAsync()
    {
        var provider = Own(await LoopbackOidcProvider.StartAsync());
        var hub = await StartHubAsync(adjust: options => options with { Oidc = provider.Options });
        return (hub, provider);
    }
}

public sealed class OidcSignInTestsOnSqlite() : OidcSignInTests(HubDatabaseKind.Sqlite);

[OnPostgres]
public sealed class OidcSignInTestsOnPostgres() : OidcSignInTests(HubDatabaseKind.Postgres);
