using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace MpkiConnector.Storage.Sqlite.Tests;

public sealed class MigrationTests : StoreTestBase
{
    [Fact]
    public async Task OpenAsync_NewFile_CreatesSchemaAndSetsVersion()
    {
        var tables = await QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
        Assert.Superset(
            new HashSet<string> { "keys", "orders", "certificates", "recipient_certificates", "managed_domains", "senders", "audit_log", "schema_version" },
            tables.ToHashSet());

        var indexes = await QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'index'");
        Assert.Contains("ux_orders_one_open_per_address", indexes);
        Assert.Contains("ix_certificates_address", indexes);
        Assert.Contains("ix_certificates_not_after", indexes);
        Assert.Contains("ix_certificates_serial_number", indexes);
        Assert.Contains("ix_orders_address", indexes);
        Assert.Contains("ix_recipient_certificates_address", indexes);

        var versions = await QueryAsync<long>("SELECT version FROM schema_version");
        Assert.Equal(SqliteMpkiStore.LatestSchemaVersion, (int)versions.Max());
        Assert.Equal(Enumerable.Range(1, SqliteMpkiStore.LatestSchemaVersion).Select(v => (long)v), versions.Order());

        var journalMode = await QueryAsync<string>("PRAGMA journal_mode");
        Assert.Equal("wal", Assert.Single(journalMode));
    }

    [Fact]
    public async Task OpenAsync_Reopen_DoesNotReapplyMigrations()
    {
        var before = await QueryAsync<string>("SELECT version || ':' || applied_at FROM schema_version ORDER BY version");

        using (await SqliteMpkiStore.OpenAsync(DatabasePath))
        {
        }

        using (await SqliteMpkiStore.OpenAsync(DatabasePath))
        {
        }

        var after = await QueryAsync<string>("SELECT version || ':' || applied_at FROM schema_version ORDER BY version");
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task OpenAsync_ManyStoresOnNewFileAtOnce_MigrateOnce()
    {
        var path = Folder.File("race.db");
        var stores = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => SqliteMpkiStore.OpenAsync(path))));
        try
        {
            var versions = await QueryAsync<long>("SELECT version FROM schema_version", path);
            Assert.Equal(SqliteMpkiStore.LatestSchemaVersion, versions.Count);
            foreach (var store in stores)
            {
                Assert.Null(await store.GetKeyAsync("none"));
            }
        }
        finally
        {
            foreach (var store in stores)
            {
                store.Dispose();
            }
        }
    }

    [Fact]
    public async Task OpenAsync_DatabaseFromNewerVersion_RefusesWithClearError()
    {
        await ExecuteAsync("INSERT INTO schema_version (version, name, applied_at) VALUES (9999, 'future', '2030-01-01T00:00:00.0000000Z')");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SqliteMpkiStore.OpenAsync(DatabasePath));

        Assert.Contains("9999", error.Message, StringComparison.Ordinal);
        Assert.Contains("newer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_MissingFolder_IsCreated()
    {
        var path = Path.Combine(Folder.Path, "nested", "deeper", "mpki.db");

        using var store = await SqliteMpkiStore.OpenAsync(path);

        Assert.True(File.Exists(path));
        Assert.Equal(path, store.DatabasePath);
    }

    [Fact]
    public async Task OpenAsync_NewFile_HasMode0600IncludingWalAndShm()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // Write something so the -wal and -shm files exist.
        await Store.AppendAsync(new AuditEntry(TestRecords.Now, "store.test", null, null));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(DatabasePath));
        var companions = new[] { DatabasePath + "-wal", DatabasePath + "-shm" }.Where(File.Exists).ToList();
        Assert.NotEmpty(companions);
        foreach (var file in companions)
        {
            Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(file) & ~(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        }
    }

    [Fact]
    public async Task OpenAsync_ExistingWorldReadableFile_IsTightenedTo0600()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var path = Folder.File("loose.db");
        using (await SqliteMpkiStore.OpenAsync(path))
        {
        }

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        using var store = await SqliteMpkiStore.OpenAsync(path);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void Constructor_EmptyPath_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new SqliteMpkiStore(new SqliteStoreOptions { DatabasePath = " " }));

        Assert.Contains("DatabasePath", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyOperation_WithoutInitializeAsync_MigratesFirst()
    {
        var path = Folder.File("lazy.db");
        using var store = Track(new SqliteMpkiStore(new SqliteStoreOptions { DatabasePath = path }));

        Assert.True(await store.TouchSenderAsync("alice@example.org", TestRecords.Now));

        var versions = await QueryAsync<long>("SELECT version FROM schema_version", path);
        Assert.Equal(SqliteMpkiStore.LatestSchemaVersion, (int)versions.Max());
    }

    [Fact]
    public async Task InitializeAsync_NotADatabase_FailsWithClearMessage()
    {
        var path = Folder.File("notes.db");
        await File.WriteAllTextAsync(path, new string('x', 4096));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SqliteMpkiStore.OpenAsync(path));

        Assert.Contains("not an MpkiConnector SQLite database", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InitializeAsync_NewFile_LogsEachMigrationOnce()
    {
        var path = Folder.File("logged.db");
        var logger = new FakeLogger<SqliteMpkiStore>();
        using (var store = new SqliteMpkiStore(new SqliteStoreOptions { DatabasePath = path }, TimeProvider.System, logger))
        {
            await store.InitializeAsync();
            await store.InitializeAsync();
        }

        using (var again = new SqliteMpkiStore(new SqliteStoreOptions { DatabasePath = path }, TimeProvider.System, logger))
        {
            await again.InitializeAsync();
        }

        var applied = logger.Collector.GetSnapshot().Where(r => r.Id.Id == 5002).ToList();
        Assert.Equal(SqliteMpkiStore.LatestSchemaVersion, applied.Count);
        Assert.All(applied, r => Assert.Equal(LogLevel.Information, r.Level));
        Assert.Single(logger.Collector.GetSnapshot(), r => r.Id.Id == 5001);
    }

    [Fact]
    public async Task OpenAsync_Version1DatabaseWithOpenOrder_AddsOrganizationIdAndKeepsOrder()
    {
        var order = TestRecords.Order("alice@example.org");
        Assert.True(await Store.TryOpenOrderAsync(order));
        Store.Dispose();
        await ExecuteAsync("DROP INDEX ix_orders_key_id; DROP INDEX ix_certificates_key_id; DROP INDEX ix_keys_pool; ALTER TABLE keys DROP COLUMN pool_state; ALTER TABLE keys DROP COLUMN claimed_by_order; DROP INDEX ix_certificates_status_not_after;");
        await ExecuteAsync("DROP TABLE provider_trust; DROP TABLE key_check; ALTER TABLE orders DROP COLUMN organization_id; DELETE FROM schema_version WHERE version >= 2;");

        using var reopened = await SqliteMpkiStore.OpenAsync(DatabasePath);

        var read = await reopened.GetOpenOrderAsync("alice@example.org");
        Assert.Equal(order, read);
        Assert.Null(read!.OrganizationId);
        await reopened.UpdateOrderAsync(read with { OrganizationId = "1002" });
        Assert.Equal("1002", (await reopened.GetOrderAsync(order.Id))?.OrganizationId);
        var versions = await QueryAsync<long>("SELECT version FROM schema_version");
        Assert.Equal(SqliteMpkiStore.LatestSchemaVersion, (int)versions.Max());
    }

    private async Task<List<T>> QueryAsync<T>(string sql, string? path = null)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path ?? DatabasePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var result = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result.Add(reader.GetFieldValue<T>(0));
        }

        return result;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
