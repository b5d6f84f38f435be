using Telepath.Hub.Accounts;
using Telepath.Hub.Tests.Infrastructure;

namespace Telepath.Hub.Tests.Accounts;

/// <summary>Settings → Sign-in methods: the only way an identity at a provider joins an existing account.</summary>
public abstract class AccountLinkingTests(HubDatabaseKind database) : HubTestBase(database)
{
    private const string Dave = "dave@a.example";

    [HubFact]
    public async Task A_signed_in_password_user_links_the_provider_then_signs_in_through_it()
    {
        var (hub, provider) = await StartAsync();
        using var admin = await hub.SetUpAdminAsync();
        provider.SignedIn = new ProviderIdentity("admin-at-sso", "admin.elsewhere@sso.example");

        var linked = await admin.LinkProviderAsync();
        using var later = hub.Browser();
        var end = await later.SignInWithProviderAsync();

        Assert.Equal("Example SSO is linked: you can sign in with it.", linked.TextOf("sign-in-methods-message"));
        var login = Assert.Single((await hub.LoginsOfAsync(HubScenarios.AdminEmail))!);
        Assert.Equal(("oidc", "admin-at-sso"), (login.LoginProvider, login.ProviderKey));
        Assert.True(await later.IsSignedInAsync(), end.Html);
        Assert.True((await later.GetAsync("/")).Contains(HubScenarios.AdminEmail));
    }

    [HubFact]
    public async Task An_identity_linked_to_another_account_is_not_linked_again()
    {
        var (hub, provider) = await StartAsync();
        using var admin = await hub.SetUpAdminAsync();
        using var dave = await hub.AcceptInvitationAsync(await admin.InviteAsync(Dave));
        provider.SignedIn = new ProviderIdentity("shared-at-sso", "shared@sso.example");
        await admin.LinkProviderAsync();

        var refused = await dave.LinkProviderAsync();

        Assert.Equal(ExternalAccounts.LinkedElsewhere, refused.TextOf("sign-in-methods-error"));
        Assert.Empty((await hub.LoginsOfAsync(Dave))!);
        Assert.Single((await hub.LoginsOfAsync(HubScenarios.AdminEmail))!);
    }

    [HubFact]
    public async Task A_person_with_a_password_may_remove_a_linked_provider()
    {
        var (hub, provider) = await StartAsync();
        using var admin = await hub.SetUpAdminAsync();
        provider.SignedIn = new ProviderIdentity("admin-at-sso", HubScenarios.AdminEmail);
        await admin.LinkProviderAsync();

        var removed = await admin.FollowAsync(await admin.SubmitAsync(
            "/settings/sign-in-methods",
            new Dictionary<string, string> { ["provider"] = "oidc", ["providerKey"] = "admin-at-sso" },
            "/settings/sign-in-methods?handler=Unlink"));

        Assert.True(removed.Contains("Link Example SSO"), removed.Html);
        Assert.Empty((await hub.LoginsOfAsync(HubScenarios.AdminEmail))!);
        Assert.True(await admin.IsSignedInAsync());
    }

    [HubFact]
    public async Task A_person_without_a_password_cannot_remove_their_only_provider()
    {
        var (hub, provider) = await StartAsync();
        using var admin = await hub.SetUpAdminAsync();
        await admin.InviteAsync(Dave);
        provider.SignedIn = new ProviderIdentity("dave-at-sso", Dave);
        using var dave = hub.Browser();
        await dave.SignInWithProviderAsync();

        var refused = await dave.SubmitAsync(
            "/settings/sign-in-methods",
            new Dictionary<string, string> { ["provider"] = "oidc", ["providerKey"] = "dave-at-sso" },
            "/settings/sign-in-methods?handler=Unlink");

        Assert.Equal(ExternalAccounts.LastWayIn, refused.TextOf("sign-in-methods-error"));
        Assert.Single((await hub.LoginsOfAsync(Dave))!);
    }

    [HubFact]
    public async Task A_link_callback_that_was_not_started_by_the_signed_in_person_links_nothing()
    {
        var (hub, provider) = await StartAsync();
        using var admin = await hub.SetUpAdminAsync();
        using var dave = await hub.AcceptInvitationAsync(await admin.InviteAsync(Dave));
        provider.SignedIn = new ProviderIdentity("dave-at-sso", Dave);

        // A trip started from the sign-in page comes back as far as the hub's handler, which keeps the identity in
        // the external cookie; that cookie names no user, so taking it to the link callback (say, by a link someone
        // sent) must not attach the identity to whoever is signed in.
        var challenge = await dave.SubmitAsync("/signin", new Dictionary<string, string>(), "/signin?handler=Oidc");
        var back = await dave.GetAsync(challenge.Location!);
        var handled = await dave.GetAsync(back.Location!);
        var page = await dave.GetAsync("/settings/sign-in-methods?handler=LinkCallback");

        Assert.Contains("handler=OidcCallback", handled.Location);
        Assert.Equal(ExternalAccounts.DidNotComplete, page.TextOf("sign-in-methods-error"));
        Assert.Empty((await hub.LoginsOfAsync(Dave))!);
    }

    private async Task<(TestHub Hub, LoopbackOidcProvider Provider)> StartAsync()
    {
        var provider = Own(await LoopbackOidcProvider.StartAsync());
        var hub = await StartHubAsync(adjust: options => options with { Oidc = provider.Options });
        return (hub, provider);
    }
}

public sealed class AccountLinkingTestsOnSqlite() : AccountLinkingTests(HubDatabaseKind.Sqlite);

[OnPostgres]
public sealed class AccountLinkingTestsOnPostgres() : AccountLinkingTests(HubDatabaseKind.Postgres);
