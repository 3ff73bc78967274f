using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace MpkiConnector.Storage.PostgreSql.Diagnostics;

/// <summary>
/// The store is writable: the server answers, the schema is migrated, the server is not a standby, sessions are not
/// read-only and the role may insert into and update the store's tables. Nothing is written.
/// </summary>
internal sealed class PostgreSqlStoreHealthCheck(PostgreSqlMpkiStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var where = $"The PostgreSQL store (database {store.Database} on {store.Server})";
        try
        {
            return await store.FindWriteProblemAsync(cancellationToken).ConfigureAwait(false) is { } problem
                ? new HealthCheckResult(context.Registration.FailureStatus, $"{where} is not writable: {problem}.")
                : HealthCheckResult.Healthy($"{where} is writable.");
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"{where} is not writable: {ex.Message}");
        }
    }
}
