using Dapper;

namespace MpkiConnector.Storage.PostgreSql;

/// <content>Whether the store can be written now (the health check), without writing anything.</content>
public sealed partial class PostgreSqlMpkiStore
{
    /// <summary>The tables the store writes to.</summary>
    private static readonly string[] WrittenTables = ["keys", "orders", "certificates", "recipient_certificates", "managed_domains", "senders", "audit_log", "key_check"];

    /// <summary>
    /// Why the store cannot be written now, or <see langword="null"/> when it can: the database is migrated (first use),
    /// the server is not a standby, sessions are not read-only, and the role may insert into and update every table.
    /// </summary>
    internal async Task<string?> FindWriteProblemAsync(CancellationToken cancellationToken = default)
    {
        const string Sql = """
            SELECT CASE
                WHEN pg_is_in_recovery() THEN 'the server is a standby (in recovery)'
                WHEN current_setting('transaction_read_only') = 'on' THEN 'sessions are read-only (default_transaction_read_only)'
                ELSE (SELECT 'the role ' || current_user || ' may not insert into or update ' || string_agg(t, ', ' ORDER BY t)
                      FROM unnest(@tables) AS t
                      WHERE NOT (has_table_privilege(t, 'INSERT') AND has_table_privilege(t, 'UPDATE')))
            END
            """;
        var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await connection.ExecuteScalarAsync<string?>(Command(Sql, new { tables = WrittenTables }, null, cancellationToken)).ConfigureAwait(false);
        }
    }
}
