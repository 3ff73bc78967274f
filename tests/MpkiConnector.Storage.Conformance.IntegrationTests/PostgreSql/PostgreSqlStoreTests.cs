using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using MpkiConnector.DependencyInjection;
using MpkiConnector.Storage.PostgreSql;
using Npgsql;

namespace MpkiConnector.Storage.Conformance.IntegrationTests.PostgreSql;

/// <summary>What only the PostgreSQL store has: its schema and migrations, and its errors for a bad connection.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlStoreTests(PostgreSqlFixture fixture) : IAsyncLifetime
{
    private string _database = "";

    public async Task InitializeAsync() => _database = await fixture.Cluster.CreateDatabaseAsync();

    public Task DisposeAsync() => fixture.Cluster.DropDatabaseAsync(_database);

    [Fact]
    public async Task OpenAsync_NewDatabase_CreatesSchemaIndexesAndVersion()
    {
        await using var store = await PostgreSqlMpkiStore.OpenAsync(_database);

        var tables = await QueryAsync<string>("SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public'");
        Assert.Superset(
            new HashSet<string> { "keys", "orders", "certificates", "recipient_certificates", "managed_domains", "senders", "audit_log", "key_check", "provider_trust", "schema_version" },
            tables.ToHashSet());
        var indexes = await QueryAsync<string>("SELECT indexname::text FROM pg_indexes WHERE schemaname = 'public'");
        Assert.Contains("ux_orders_one_open_per_address", indexes);
        Assert.Contains("ux_certificates_one_active_per_address", indexes);
        Assert.Contains("ix_certificates_not_after", indexes);
        var versions = await QueryAsync<int>("SELECT version FROM schema_version ORDER BY version");
        Assert.Equal(MpkiConnector.Storage.PostgreSql.Internal.PgMigrations.All.Select(m => m.Version), versions);
    }

    [Fact]
    public async Task OpenAsync_ManyNodesOnNewDatabaseAtOnce_MigrateOnceAndLogEachStepOnce()
    {
        var logger = new FakeLogger<PostgreSqlMpkiStore>();
        var stores = Enumerable.Range(0, 6).Select(_ => new PostgreSqlMpkiStore(new PostgreSqlStoreOptions { ConnectionString = _database }, TimeProvider.System, logger)).ToList();
        try
        {
            await Task.WhenAll(stores.Select(s => Task.Run(() => s.InitializeAsync())));

            var steps = MpkiConnector.Storage.PostgreSql.Internal.PgMigrations.All.Count;
            Assert.Equal(steps, (await QueryAsync<int>("SELECT version FROM schema_version")).Count);
            Assert.Equal(steps, logger.Collector.GetSnapshot().Count(r => r.Id.Id == 5101 && r.Level == LogLevel.Information));
            Assert.DoesNotContain(logger.Collector.GetSnapshot(), r => r.Message.Contains("Username", StringComparison.OrdinalIgnoreCase));
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task OpenAsync_DatabaseFromNewerVersion_RefusesWithClearError()
    {
        await (await PostgreSqlMpkiStore.OpenAsync(_database)).DisposeAsync();
        await ExecuteAsync("INSERT INTO schema_version (version, name, applied_at) VALUES (9999, 'future', now())");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => PostgreSqlMpkiStore.OpenAsync(_database));

        Assert.Contains("9999", error.Message, StringComparison.Ordinal);
        Assert.Contains("newer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_NothingListening_SaysWhichServerCannotBeReached()
    {
        var port = FreePort();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            PostgreSqlMpkiStore.OpenAsync($"Host=127.0.0.1;Port={port};Database=mpki;Username=mpki;Password=hunter2;Timeout=3"));

        Assert.Contains($"Cannot reach the PostgreSQL server at 127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_UnknownDatabase_SaysCreateIt()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(_database) { Database = "nosuchdb" }.ConnectionString;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => PostgreSqlMpkiStore.OpenAsync(connectionString));

        Assert.Contains("'nosuchdb' does not exist", error.Message, StringComparison.Ordinal);
        Assert.Contains("CREATE DATABASE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_UnknownUser_SaysTheLoginWasRefusedWithoutThePassword()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(_database) { Username = "nobody", Password = "hunter2" }.ConnectionString;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => PostgreSqlMpkiStore.OpenAsync(connectionString));

        Assert.Contains("refused the login of user 'nobody'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "needs a connection string")]
    [InlineData("Hots=db1;Password=hunter2", "not valid")]
    [InlineData("Database=mpki;Password=hunter2", "names no server")]
    public void Constructor_BadConnectionString_ExplainsWithoutQuotingIt(string connectionString, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => new PostgreSqlMpkiStore(new PostgreSqlStoreOptions { ConnectionString = connectionString }));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddPostgreSqlStore_NoServerInOptions_FailsValidationAtStart()
    {
        var services = new ServiceCollection();
        services.AddMpkiConnector().AddPostgreSqlStore(options => options.ConnectionString = "Database=mpki");
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<PostgreSqlStoreOptions>>().Value);
        Assert.Contains("names no server", error.Message, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task<List<T>> QueryAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var result = new List<T>();
        while (await reader.ReadAsync())
        {
            result.Add(reader.GetFieldValue<T>(0));
        }

        return result;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
