using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Telepath.Hub.Data.Configuration;

internal sealed class PreviewConfiguration : IEntityTypeConfiguration<Preview>
{
    public void Configure(EntityTypeBuilder<Preview> preview)
    {
        preview.Property(p => p.Id).HasMaxLength(63);
        preview.Property(p => p.InterceptId).HasMaxLength(64);
        preview.Property(p => p.InterceptName).HasMaxLength(253);
        preview.Property(p => p.Workload).HasMaxLength(253);
        preview.Property(p => p.Namespace).HasMaxLength(63);
        preview.Property(p => p.HeaderName).HasMaxLength(256);
        preview.Property(p => p.HeaderValue).HasMaxLength(1024);
        preview.Property(p => p.IngressHost).HasMaxLength(253);
        preview.Property(p => p.IngressL5Host).HasMaxLength(253);
        preview.HasIndex(p => new { p.OrganisationId, p.EndedAt });
        preview.HasIndex(p => p.InterceptId);
        preview.HasOne(p => p.Owner).WithMany().HasForeignKey(p => p.OwnerUserId).OnDelete(DeleteBehavior.Cascade);
        preview.HasOne(p => p.Organisation).WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Cascade);
    }
}
