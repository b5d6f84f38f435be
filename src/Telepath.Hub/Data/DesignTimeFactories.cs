using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Telepath.Hub.Data;

/// <summary>For `dotnet ef migrations add … --context SqliteHubDbContext`; no database is opened.</summary>
public sealed class SqliteHubDbContextFactory : IDesignTimeDbContextFactory<SqliteHubDbContext>
{
    public SqliteHubDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteHubDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>For `dotnet ef migrations add … --context PostgresHubDbContext`; no database is opened.</summary>
public sealed class PostgresHubDbContextFactory : IDesignTimeDbContextFactory<PostgresHubDbContext>
{
    public PostgresHubDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresHubDbContext>().UseNpgsql("Host=localhost;Database=telepath_hub").Options);
}
