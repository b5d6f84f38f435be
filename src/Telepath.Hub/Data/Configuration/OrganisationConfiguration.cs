using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Telepath.Hub.Data.Configuration;

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> organisation)
    {
        organisation.Property(o => o.Name).HasMaxLength(200);
        // GitHub logins are at most 39 characters; one hub organisation per GitHub organisation.
        organisation.Property(o => o.GitHubOrganization).HasMaxLength(100);
        organisation.HasIndex(o => o.GitHubOrganization).IsUnique();
    }
}
