using MpkiConnector.DependencyInjection;
using MpkiConnector.Storage.Sqlite;

namespace MpkiConnector.Storage.Conformance.IntegrationTests.Sqlite;

/// <summary>The conformance suite on SQLite: one database file per test, in its own temp folder.</summary>
public sealed class SqliteConformanceTests : StoreConformanceTests<SqliteMpkiStore>
{
    private readonly TempDirectory _folder = new("mpki-conformance");

    private string DatabasePath => _folder.File("mpki.db");

    protected override Task CreateDatabaseAsync() => Task.CompletedTask;

    protected override Task<SqliteMpkiStore> OpenStoreAsync() => SqliteMpkiStore.OpenAsync(DatabasePath);

    protected override void AddStore(MpkiConnectorBuilder builder) => builder.AddSqliteStore(DatabasePath);

    protected override async Task FailAuditWritesAsync()
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "CREATE TRIGGER fail_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log unavailable'); END;";
        await command.ExecuteNonQueryAsync();
    }

    protected override Task DeleteDatabaseAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }
}
