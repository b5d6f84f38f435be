using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Telepath.Hub.Data.Configuration;

internal sealed class SetupTokenConfiguration : IEntityTypeConfiguration<SetupToken>
{
    public void Configure(EntityTypeBuilder<SetupToken> setup)
    {
        setup.Property(s => s.TokenHash).HasMaxLength(64);
        setup.HasIndex(s => s.TokenHash).IsUnique();
    }
}
