using Dapper;
using Npgsql;
using MpkiConnector.Storage.PostgreSql.Internal;

namespace MpkiConnector.Storage.PostgreSql;

/// <content>IGatewayStateStore (managed domains, senders) and IAuditLog.</content>
public sealed partial class PostgreSqlMpkiStore
{
    /// <inheritdoc />
    public Task UpsertDomainAsync(ManagedDomainRecord domain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentException.ThrowIfNullOrWhiteSpace(domain.Domain);
        ArgumentException.ThrowIfNullOrWhiteSpace(domain.ProviderName);
        ArgumentNullException.ThrowIfNull(domain.SettingsJson);
        return ExecuteAsync(
            """
            INSERT INTO managed_domains (domain, provider_name, settings_json, updated_at)
            VALUES (@Domain, @ProviderName, @SettingsJson, @UpdatedAt)
            ON CONFLICT (domain) DO UPDATE SET
                provider_name = excluded.provider_name, settings_json = excluded.settings_json, updated_at = excluded.updated_at
            """,
            new { domain.Domain, domain.ProviderName, domain.SettingsJson, UpdatedAt = PgValues.Instant(_time.GetUtcNow()) },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> RemoveDomainAsync(string domain, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(domain);
        return await ExecuteAsync("DELETE FROM managed_domains WHERE domain = @domain", new { domain }, cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ManagedDomainRecord>> ListDomainsAsync(CancellationToken cancellationToken = default) =>
        QueryListAsync<ManagedDomainRecord, ManagedDomainRecord>(
            "SELECT domain AS Domain, provider_name AS ProviderName, settings_json AS SettingsJson FROM managed_domains ORDER BY domain", null, r => r, cancellationToken);

    /// <inheritdoc />
    public async Task<bool> TouchSenderAsync(string address, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        var when = PgValues.Instant(at);
        var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // The insert is atomic: of two nodes touching a new sender at once, exactly one sees "first time".
            var inserted = await connection.ExecuteAsync(Command(
                "INSERT INTO senders (address, first_seen, last_seen) VALUES (@address, @when, @when) ON CONFLICT (address) DO NOTHING",
                new { address, when },
                null,
                cancellationToken)).ConfigureAwait(false);
            if (inserted > 0)
            {
                return true;
            }

            await connection.ExecuteAsync(Command(
                "UPDATE senders SET last_seen = @when WHERE address = @address AND last_seen < @when", new { address, when }, null, cancellationToken)).ConfigureAwait(false);
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
    public Task<IReadOnlyList<AuditEntry>> ListAsync(int limit, string? address = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var sql = address is null
            ? $"SELECT {AuditRow.Columns} FROM audit_log ORDER BY at DESC, id DESC LIMIT @limit"
            : $"SELECT {AuditRow.Columns} FROM audit_log WHERE address = @address ORDER BY at DESC, id DESC LIMIT @limit";
        return QueryListAsync<AuditRow, AuditEntry>(sql, new { limit, address }, r => r.ToRecord(), cancellationToken);
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
    private static async Task AppendInAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyList<AuditEntry> audit, CancellationToken cancellationToken)
    {
        foreach (var entry in audit)
        {
            await connection.ExecuteAsync(Command(
                "INSERT INTO audit_log (at, action, address, detail) VALUES (@At, @Action, @Address, @Detail)",
                new { At = PgValues.Instant(entry.At), entry.Action, entry.Address, entry.Detail },
                transaction,
                cancellationToken)).ConfigureAwait(false);
        }
    }
}
