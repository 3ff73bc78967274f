using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace MpkiConnector.Storage.Sqlite.Diagnostics;

/// <summary>The store is writable: the database opens read-write and the write lock can be taken (then released, nothing written).</summary>
internal sealed class SqliteStoreHealthCheck(SqliteMpkiStore store, IOptions<SqliteStoreOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
            var connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = options.Value.DatabasePath,
                Mode = SqliteOpenMode.ReadWrite,
                Pooling = false,
                DefaultTimeout = (int)Math.Ceiling(options.Value.BusyTimeout.TotalSeconds),
            }.ToString();
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = "BEGIN IMMEDIATE; ROLLBACK;";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy("The SQLite store is writable.");
        }
        catch (SqliteException ex)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"The SQLite store is not writable: {ex.Message}");
        }
    }
}
