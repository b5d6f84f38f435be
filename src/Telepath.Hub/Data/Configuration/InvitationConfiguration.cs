using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Telepath.Hub.Data.Configuration;

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> invitation)
    {
        invitation.Property(i => i.Email).HasMaxLength(256);
        invitation.Property(i => i.TokenHash).HasMaxLength(64);
        invitation.HasIndex(i => i.TokenHash).IsUnique();
        invitation.HasIndex(i => new { i.OrganisationId, i.Email });
        invitation.HasIndex(i => i.Email);
        invitation.HasOne(i => i.Organisation).WithMany().HasForeignKey(i => i.OrganisationId).OnDelete(DeleteBehavior.Cascade);
    }
}
