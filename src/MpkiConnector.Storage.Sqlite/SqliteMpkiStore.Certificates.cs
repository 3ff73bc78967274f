using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;
using MpkiConnector.Storage.Sqlite.Internal;

namespace MpkiConnector.Storage.Sqlite;

/// <content>ICertificateStore: at most one active certificate per address (unique partial index); thumbprints unique.</content>
public sealed partial class SqliteMpkiStore
{
    private const string SupersedeActiveSql =
        "UPDATE certificates SET status = 'superseded' WHERE address = @Address AND status = 'active' AND id <> @Id";

    /// <inheritdoc />
    /// <remarks>
    /// Idempotent: when a certificate with the same thumbprint is already stored (a resumed process finishing the
    /// same order), it is not stored again and the order is still written as issued.
    /// </remarks>
    public Task CompleteIssuanceAsync(OrderRecord completedOrder, CertificateRecord certificate, CancellationToken cancellationToken = default) =>
        CompleteIssuanceAsync(completedOrder, certificate, [], cancellationToken);

    /// <inheritdoc />
    public async Task CompleteIssuanceAsync(OrderRecord completedOrder, CertificateRecord certificate, IReadOnlyList<AuditEntry> audit, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckOrder(completedOrder);
        CheckAudit(audit);
        StoreArguments.CheckCertificate(certificate);
        var order = OrderRow.From(completedOrder with { State = OrderState.Issued });
        var row = CertificateRow.From(certificate with
        {
            Status = CertificateStatus.Active,
            OrderId = certificate.OrderId ?? completedOrder.Id,
            ProviderOrderId = certificate.ProviderOrderId ?? completedOrder.ProviderOrderId,
        });

        var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var transaction = BeginWrite(connection);
            var known = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
                "SELECT id FROM certificates WHERE thumbprint = @Thumbprint", new { row.Thumbprint }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (known is null)
            {
                await connection.ExecuteAsync(new CommandDefinition(SupersedeActiveSql, new { row.Address, row.Id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                await connection.ExecuteAsync(new CommandDefinition(CertificateRow.InsertSql, row, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            }

            var changed = await connection.ExecuteAsync(new CommandDefinition(OrderRow.UpdateSql, order, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (changed == 0)
            {
                throw new InvalidOperationException($"The order '{completedOrder.Id}' is not in the journal.");
            }

            await AppendInAsync(connection, transaction, audit, cancellationToken).ConfigureAwait(false);
            transaction.Commit();
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// A certificate saved as active supersedes the address's previous active one. A certificate already stored
    /// (same thumbprint) is left as it is.
    /// </remarks>
    public Task SaveCertificateAsync(CertificateRecord certificate, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckCertificate(certificate);
        return SaveCertificatesAsync([certificate], cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>One write transaction (one commit, one fsync) for all of them: a bulk load runs at the speed of the inserts.</remarks>
    public async Task SaveCertificatesAsync(IEnumerable<CertificateRecord> certificates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var transaction = BeginWrite(connection);
            foreach (var certificate in certificates)
            {
                StoreArguments.CheckCertificate(certificate);
                await SaveCertificateInAsync(connection, transaction, certificate, cancellationToken).ConfigureAwait(false);
            }

            transaction.Commit();
        }
    }

    private static async Task SaveCertificateInAsync(SqliteConnection connection, SqliteTransaction transaction, CertificateRecord certificate, CancellationToken cancellationToken)
    {
        var row = CertificateRow.From(certificate);
        var known = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT id FROM certificates WHERE thumbprint = @Thumbprint", new { row.Thumbprint }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (known is not null)
        {
            return;
        }

        if (certificate.Status == CertificateStatus.Active)
        {
            await connection.ExecuteAsync(new CommandDefinition(SupersedeActiveSql, new { row.Address, row.Id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        try
        {
            await connection.ExecuteAsync(new CommandDefinition(CertificateRow.InsertSql, row, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        catch (SqliteException exception) when (IsPrimaryKeyViolation(exception))
        {
            throw new InvalidOperationException($"A different certificate with id '{certificate.Id}' is already stored.", exception);
        }
    }

    /// <inheritdoc />
    public async Task<CertificateRecord?> GetActiveCertificateAsync(string address, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        var rows = await QueryCertificatesAsync(
            $"SELECT {CertificateRow.Columns} FROM certificates WHERE address = @address AND status = 'active'", new { address }, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    public async Task<CertificateRecord?> GetCertificateAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var rows = await QueryCertificatesAsync($"SELECT {CertificateRow.Columns} FROM certificates WHERE id = @id", new { id }, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<CertificateRecord>> ListCertificatesAsync(CertificateQuery query, CancellationToken cancellationToken = default) =>
        ListCertificatesAsync(query, null, null, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Keyset paging in the listing's order (address, not_before DESC, created_at DESC, id): each page costs its own size.</remarks>
    public Task<IReadOnlyList<CertificateRecord>> ListCertificatesPageAsync(
        CertificateQuery query, int limit, CertificateRecord? after = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return ListCertificatesAsync(query, limit, after, cancellationToken);
    }

    private Task<IReadOnlyList<CertificateRecord>> ListCertificatesAsync(CertificateQuery query, int? limit, CertificateRecord? after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sql = new StringBuilder($"SELECT {CertificateRow.Columns} FROM certificates WHERE 1 = 1");
        var parameters = new DynamicParameters();
        if (query.Address is not null)
        {
            sql.Append(" AND address = @Address");
            parameters.Add("Address", query.Address);
        }

        if (query.Status is { } status)
        {
            sql.Append(" AND status = @Status");
            parameters.Add("Status", SqliteText.Status(status));
        }

        if (query.NotAfterBefore is { } before)
        {
            sql.Append(" AND not_after < @NotAfterBefore");
            parameters.Add("NotAfterBefore", SqliteText.Instant(before));
        }

        if (query.SerialNumber is not null)
        {
            sql.Append(" AND serial_number = @SerialNumber");
            parameters.Add("SerialNumber", query.SerialNumber.ToUpperInvariant());
        }

        if (query.ProviderName is not null)
        {
            sql.Append(" AND provider_name = @ProviderName");
            parameters.Add("ProviderName", query.ProviderName);
        }

        if (after is not null)
        {
            sql.Append(" AND (address > @AfterAddress OR (address = @AfterAddress AND (not_before < @AfterNotBefore OR (not_before = @AfterNotBefore" +
                " AND (created_at < @AfterCreatedAt OR (created_at = @AfterCreatedAt AND id > @AfterId))))))");
            parameters.Add("AfterAddress", after.Address);
            parameters.Add("AfterNotBefore", SqliteText.Instant(after.NotBefore));
            parameters.Add("AfterCreatedAt", SqliteText.Instant(after.CreatedAt));
            parameters.Add("AfterId", after.Id);
        }

        sql.Append(" ORDER BY address, not_before DESC, created_at DESC, id");
        if (limit is { } pageSize)
        {
            sql.Append(" LIMIT @Limit");
            parameters.Add("Limit", pageSize);
        }

        return QueryCertificatesAsync(sql.ToString(), parameters, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>Keyset paging over the index on (status, not_after, id): each page costs its own size, not the store's.</remarks>
    public Task<IReadOnlyList<CertificateRecord>> ListCertificatesEndingByAsync(
        CertificateStatus status, DateTimeOffset notAfterAtMost, int limit, CertificateRecord? after = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var sql = $"SELECT {CertificateRow.Columns} FROM certificates INDEXED BY ix_certificates_status_not_after WHERE status = @Status AND not_after <= @AtMost"
            + (after is null ? string.Empty : " AND not_after >= @AfterNotAfter AND (not_after > @AfterNotAfter OR id > @AfterId)")
            + " ORDER BY not_after, id LIMIT @Limit";
        return QueryCertificatesAsync(sql, new
        {
            Status = SqliteText.Status(status),
            AtMost = SqliteText.Instant(notAfterAtMost),
            AfterNotAfter = after is null ? null : SqliteText.Instant(after.NotAfter),
            AfterId = after?.Id,
            Limit = limit,
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task SetCertificateStatusAsync(string id, CertificateStatus status, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var text = SqliteText.Status(status);
        var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var transaction = BeginWrite(connection);
            var address = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
                "SELECT address FROM certificates WHERE id = @id", new { id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"The certificate '{id}' is not in the store.");
            if (status == CertificateStatus.Active)
            {
                await connection.ExecuteAsync(new CommandDefinition(SupersedeActiveSql, new { Address = address, Id = id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            }

            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE certificates SET status = @text WHERE id = @id", new { text, id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            transaction.Commit();
        }
    }

    /// <inheritdoc />
    public async Task SaveRecipientCertificateAsync(RecipientCertificate certificate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentException.ThrowIfNullOrWhiteSpace(certificate.Address);
        ArgumentException.ThrowIfNullOrWhiteSpace(certificate.Thumbprint);
        ArgumentNullException.ThrowIfNull(certificate.Der);
        var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO recipient_certificates (address, thumbprint, der, not_after, seen_at)
                VALUES (@Address, @Thumbprint, @Der, @NotAfter, @SeenAt)
                ON CONFLICT (address, thumbprint) DO UPDATE SET
                    der = excluded.der, not_after = excluded.not_after, seen_at = excluded.seen_at
                """,
                new
                {
                    certificate.Address,
                    certificate.Thumbprint,
                    certificate.Der,
                    NotAfter = SqliteText.Instant(certificate.NotAfter),
                    SeenAt = SqliteText.Instant(certificate.SeenAt),
                },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RecipientCertificate>> GetRecipientCertificatesAsync(string address, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        return QueryListAsync<RecipientCertificateRow, RecipientCertificate>(
            $"SELECT {RecipientCertificateRow.Columns} FROM recipient_certificates WHERE address = @address ORDER BY not_after DESC, seen_at DESC",
            new { address },
            r => r.ToRecord(),
            cancellationToken);
    }

    private Task<IReadOnlyList<CertificateRecord>> QueryCertificatesAsync(string sql, object? parameters, CancellationToken cancellationToken) =>
        QueryListAsync<CertificateRow, CertificateRecord>(sql, parameters, r => r.ToRecord(), cancellationToken);
}
