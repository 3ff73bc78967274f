using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MpkiConnector.DependencyInjection;
using MpkiConnector.Storage.PostgreSql;
using MpkiConnector.Storage.PostgreSql.Diagnostics;
using Npgsql;

namespace MpkiConnector.Storage.Conformance.IntegrationTests.PostgreSql;

/// <summary>The <c>mpki-store</c> health check of the PostgreSQL store, on a throwaway cluster.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlStoreHealthCheckTests(PostgreSqlFixture fixture) : IAsyncLifetime
{
    private string _database = "";

    public async Task InitializeAsync()
    {
        _database = await fixture.Cluster.CreateDatabaseAsync();
        await using var store = await PostgreSqlMpkiStore.OpenAsync(_database);
    }

    public Task DisposeAsync() => fixture.Cluster.DropDatabaseAsync(_database);

    [Fact]
    public async Task CheckHealthAsync_MigratedDatabase_IsHealthy()
    {
        var entry = await CheckStoreAsync(_database);

        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.Contains("is writable", entry.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckHealthAsync_RoleThatMayOnlyRead_IsUnhealthyNamingTheTables()
    {
        var role = "reader_" + Guid.NewGuid().ToString("N")[..8];
        var database = new NpgsqlConnectionStringBuilder(_database).Database;
        await fixture.Cluster.ExecuteAsync($"CREATE ROLE {role} LOGIN");
        await ExecuteInDatabaseAsync($"GRANT USAGE, CREATE ON SCHEMA public TO {role}; GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}; GRANT INSERT, UPDATE ON keys, orders TO {role}");

        var entry = await CheckStoreAsync(new NpgsqlConnectionStringBuilder(_database) { Username = role }.ConnectionString);

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Equal(
            $"The PostgreSQL store (database {database} on 127.0.0.1:{fixture.Cluster.Port}) is not writable: the role {role} may not insert into or update audit_log, certificates, key_check, managed_domains, recipient_certificates, senders.",
            entry.Description);
    }

    [Fact]
    public async Task CheckHealthAsync_ReadOnlyDatabase_IsUnhealthy()
    {
        var database = new NpgsqlConnectionStringBuilder(_database).Database;
        await fixture.Cluster.ExecuteAsync($"ALTER DATABASE \"{database}\" SET default_transaction_read_only = on");

        var entry = await CheckStoreAsync(_database);

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Contains("read-only", entry.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckHealthAsync_NoServer_IsUnhealthyWithoutTheConnectionString()
    {
        var nowhere = new NpgsqlConnectionStringBuilder(_database) { Port = 9, Password = "secret-password", Timeout = 2 }.ConnectionString;

        var entry = await CheckStoreAsync(nowhere);

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Contains("127.0.0.1:9", entry.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-password", entry.Description, StringComparison.Ordinal);
    }

    private static async Task<HealthReportEntry> CheckStoreAsync(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMpkiConnector().AddPostgreSqlStore(connectionString);
        services.AddHealthChecks().AddMpkiPostgreSqlStore();
        await using var provider = services.BuildServiceProvider();

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        return report.Entries[PostgreSqlHealthChecksBuilderExtensions.StoreCheckName];
    }

    private async Task ExecuteInDatabaseAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
