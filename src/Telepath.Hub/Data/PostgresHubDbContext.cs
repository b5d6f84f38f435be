using Microsoft.EntityFrameworkCore;

namespace Telepath.Hub.Data;

public sealed class PostgresHubDbContext(DbContextOptions<PostgresHubDbContext> options) : HubDbContext(options);
