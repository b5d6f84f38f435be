using Microsoft.Data.Sqlite;
using Npgsql;
using Telepath.Hub.Hosting;

namespace Telepath.Hub.Tests.Infrastructure;

/// <summary>
/// A fresh, empty database for one test: a SQLite file in a temp folder, or a new database on the PostgreSQL
/// server named by TELEPATH_TEST_POSTGRES (the hub creates it on its first start, as it would in production).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "TELEPATH_TEST_POSTGRES";

    private readonly string? _folder;
    private readonly string? _postgresName;

    private TestDatabase(DatabaseOptions options, string? folder, string? postgresName)
    {
        Options = options;
        _folder = folder;
        _postgresName = postgresName;
    }

    public static string? PostgresConnectionString =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : null;

    public DatabaseOptions Options { get; }

    public static TestDatabase Create(HubDatabaseKind kind)
    {
        if (kind == HubDatabaseKind.Sqlite)
        {
            var folder = Directory.CreateTempSubdirectory("telepath-hub-test-").FullName;
            return new TestDatabase(new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "hub.db")}"), folder, null);
        }

        var server = PostgresConnectionString ?? throw new InvalidOperationException($"{PostgresVariable} is not set");
        var name = $"telepath_hub_test_{Guid.NewGuid():N}";
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        return new TestDatabase(new DatabaseOptions(DatabaseProvider.Postgres, connection), null, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_folder is not null)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }

        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            var server = new NpgsqlConnectionStringBuilder(PostgresConnectionString) { Database = "postgres", Pooling = false };
            await using var connection = new NpgsqlConnection(server.ConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
