using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Telepath.Hub.Data.Configuration;

internal sealed class GitHubAccountConfiguration : IEntityTypeConfiguration<GitHubAccount>
{
    public void Configure(EntityTypeBuilder<GitHubAccount> account)
    {
        account.HasKey(a => a.UserId);
        account.HasIndex(a => a.GitHubUserId).IsUnique();
        account.Property(a => a.Login).HasMaxLength(100);
        account.Property(a => a.ProtectedAccessToken).HasMaxLength(2000);
        account.HasOne(a => a.User).WithOne().HasForeignKey<GitHubAccount>(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
