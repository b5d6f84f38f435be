using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Telepath.Hub.Data;

/// <summary>
/// The hub's model, shared by the SQLite and PostgreSQL contexts. Each provider has its own subclass only
/// so that each keeps its own migrations; the model is the same.
/// </summary>
public abstract class HubDbContext(DbContextOptions options) : IdentityDbContext<HubUser>(options), IDataProtectionKeyContext
{
    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<Membership> Memberships => Set<Membership>();

    public DbSet<Invitation> Invitations => Set<Invitation>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<DeviceAuthorization> DeviceAuthorizations => Set<DeviceAuthorization>();

    public DbSet<SetupToken> SetupTokens => Set<SetupToken>();

    public DbSet<Preview> Previews => Set<Preview>();

    public DbSet<GitHubAccount> GitHubAccounts => Set<GitHubAccount>();

    /// <summary>The keys that protect cookies and antiforgery tokens, so both outlive a restart and are shared by replicas.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(HubDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        // Enums as their names: a database someone reads by hand says "Admin", not 1.
        configuration.Properties<MembershipRole>().HaveConversion<string>().HaveMaxLength(16);
        configuration.Properties<ApiTokenKind>().HaveConversion<string>().HaveMaxLength(16);
        configuration.Properties<DeviceAuthorizationStatus>().HaveConversion<string>().HaveMaxLength(16);
        configuration.Properties<PreviewVisibility>().HaveConversion<string>().HaveMaxLength(16);
    }
}
