using Microsoft.EntityFrameworkCore;

namespace Telepath.Hub.Data;

public sealed class SqliteHubDbContext(DbContextOptions<SqliteHubDbContext> options) : HubDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        base.ConfigureConventions(configuration);
        // SQLite cannot compare or order DateTimeOffset text; as UTC ticks in an integer it can (all our times are UTC).
        configuration.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToUtcTicks>();
        configuration.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToUtcTicks>();
    }
}
