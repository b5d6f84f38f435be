using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Telepath.Hub.Data.Configuration;

internal sealed class DeviceAuthorizationConfiguration : IEntityTypeConfiguration<DeviceAuthorization>
{
    public void Configure(EntityTypeBuilder<DeviceAuthorization> device)
    {
        device.Property(d => d.DeviceCodeHash).HasMaxLength(64);
        device.Property(d => d.UserCode).HasMaxLength(8);
        device.Property(d => d.ClientName).HasMaxLength(200);
        device.Property(d => d.RequestedOrganisation).HasMaxLength(200);
        device.HasIndex(d => d.DeviceCodeHash).IsUnique();
        // Not unique: expired rows keep their codes; a new code only has to differ from the pending ones.
        device.HasIndex(d => d.UserCode);
    }
}
