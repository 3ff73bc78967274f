using Dapper;
using Microsoft.Data.Sqlite;
using MpkiConnector.Storage.Sqlite.Internal;

namespace MpkiConnector.Storage.Sqlite;

/// <content>IGatewayStateStore (managed domains, senders) and IAuditLog.</content>
public sealed partial class SqliteMpkiStore
{
    /// <inheritdoc />
    public async Task UpsertDomainAsync(ManagedDomainRecord domain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentException.ThrowIfNullOrWhiteSpace(domain.Domain);
        ArgumentException.ThrowIfNullOrWhiteSpace(domain.ProviderName);
        ArgumentNullException.ThrowIfNull(domain.SettingsJson);
        var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO managed_domains (domain, provider_name, settings_json, updated_at)
                VALUES (@Domain, @ProviderName, @SettingsJson, @UpdatedAt)
                ON CONFLICT (domain) DO UPDATE SET
                    provider_name = excluded.provider_name, settings_json = excluded.settings_json, updated_at = excluded.updated_at
                """,
                new { domain.Domain, domain.ProviderName, domain.SettingsJson, UpdatedAt = SqliteText.Instant(_time.GetUtcNow()) },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<bool> RemoveDomainAsync(string domain, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(domain);
        var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var removed = await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM managed_domains WHERE domain = @domain", new { domain }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return removed > 0;
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ManagedDomainRecord>> ListDomainsAsync(CancellationToken cancellationToken = default)
    {
        var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var rows = await connection.QueryAsync<DomainRow>(new CommandDefinition(
                $"SELECT {DomainRow.Columns} FROM managed_domains ORDER BY domain", cancellationToken: cancellationToken)).ConfigureAwait(false);
            return rows.Select(r => r.ToRecord()).ToList();
        }
    }

    /// <inheritdoc />
    public async Task<bool> TouchSenderAsync(string address, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        var when = SqliteText.Instant(at);
        var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // The insert is atomic: of two processes touching a new sender at once, exactly one sees "first time".
            var inserted = await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO senders (address, first_seen, last_seen) VALUES (@address, @when, @when)
                ON CONFLICT (address) DO NOTHING
                """,
                new { address, when },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (inserted > 0)
            {
                return true;
            }

            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE senders SET last_seen = @when WHERE address = @address AND last_seen < @when",
                new { address, when },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            return false;
        }
    }

    /// <inheritdoc />
    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        CheckAudit([entry]);
        var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await AppendInAsync(connection, null, [entry], cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(int limit, string? address = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var sql = address is null
                ? $"SELECT {AuditRow.Columns} FROM audit_log ORDER BY at DESC, id DESC LIMIT @limit"
                : $"SELECT {AuditRow.Columns} FROM audit_log WHERE address = @address ORDER BY at DESC, id DESC LIMIT @limit";
            var rows = await connection.QueryAsync<AuditRow>(new CommandDefinition(sql, new { limit, address }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return rows.Select(r => r.ToRecord()).ToList();
        }
    }

    private static void CheckAudit(IReadOnlyList<AuditEntry> audit)
    {
        ArgumentNullException.ThrowIfNull(audit);
        foreach (var entry in audit)
        {
            ArgumentNullException.ThrowIfNull(entry);
            ArgumentException.ThrowIfNullOrWhiteSpace(entry.Action);
        }
    }

    /// <summary>Appends audit entries on an open connection, inside <paramref name="transaction"/> when given.</summary>
    private static async Task AppendInAsync(SqliteConnection connection, SqliteTransaction? transaction, IReadOnlyList<AuditEntry> audit, CancellationToken cancellationToken)
    {
        foreach (var entry in audit)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO audit_log (at, action, address, detail) VALUES (@At, @Action, @Address, @Detail)",
                new { At = SqliteText.Instant(entry.At), entry.Action, entry.Address, entry.Detail },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
    }
}
