namespace Telepath.Hub.Tests.Infrastructure;

public enum HubDatabaseKind
{
    Sqlite,
    Postgres,
}
