using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Telepath.Hub.Data.Configuration;

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> token)
    {
        token.Property(t => t.Name).HasMaxLength(200);
        token.Property(t => t.SecretHash).HasMaxLength(64);
        token.Property(t => t.Prefix).HasMaxLength(16);
        token.HasIndex(t => t.SecretHash).IsUnique();
        token.HasIndex(t => t.UserId);
        token.HasOne(t => t.User).WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        token.HasOne(t => t.Organisation).WithMany().HasForeignKey(t => t.OrganisationId).OnDelete(DeleteBehavior.Cascade);
    }
}
