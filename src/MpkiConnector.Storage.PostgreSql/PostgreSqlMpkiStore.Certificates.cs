using System.Text;
using Dapper;
using MpkiConnector.Storage.PostgreSql.Internal;
using Npgsql;

namespace MpkiConnector.Storage.PostgreSql;

/// <content>
/// ICertificateStore: at most one active certificate per address (unique partial index); thumbprints unique. Every
/// write of an address's certificates holds that address's advisory lock, so nodes completing at once queue up.
/// </content>
public sealed partial class PostgreSqlMpkiStore
{
    private const string SupersedeActiveSql =
        "UPDATE certificates SET status = 'superseded' WHERE address = @Address AND status = 'active' AND id <> @Id";

    /// <inheritdoc />
    /// <remarks>
    /// Idempotent: when a certificate with the same thumbprint is already stored (another node, or a resumed process,
    /// finishing the same order), it is not stored again and the order is still written as issued.
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
            var transaction = await BeginAddressWriteAsync(connection, row.Address, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                if (!await IsThumbprintStoredAsync(connection, transaction, row.Thumbprint, cancellationToken).ConfigureAwait(false))
                {
                    await connection.ExecuteAsync(Command(SupersedeActiveSql, new { row.Address, row.Id }, transaction, cancellationToken)).ConfigureAwait(false);
                    await connection.ExecuteAsync(Command(CertificateRow.InsertSql, row, transaction, cancellationToken)).ConfigureAwait(false);
                }

                await UpdateOrderInAsync(connection, transaction, order, cancellationToken).ConfigureAwait(false);
                await AppendInAsync(connection, transaction, audit, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// A certificate saved as active supersedes the address's previous active one. A certificate already stored
    /// (same thumbprint) is left as it is.
    /// </remarks>
    public async Task SaveCertificateAsync(CertificateRecord certificate, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckCertificate(certificate);
        var row = CertificateRow.From(certificate);
        var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await BeginAddressWriteAsync(connection, row.Address, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                if (await IsThumbprintStoredAsync(connection, transaction, row.Thumbprint, cancellationToken).ConfigureAwait(false))
                {
                    return;
                }

                if (certificate.Status == CertificateStatus.Active)
                {
                    await connection.ExecuteAsync(Command(SupersedeActiveSql, new { row.Address, row.Id }, transaction, cancellationToken)).ConfigureAwait(false);
                }

                try
                {
                    await connection.ExecuteAsync(Command(CertificateRow.InsertSql, row, transaction, cancellationToken)).ConfigureAwait(false);
                }
                catch (PostgresException exception) when (exception is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "certificates_pkey" })
                {
                    throw new InvalidOperationException($"A different certificate with id '{certificate.Id}' is already stored.", exception);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
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
        var sql = new StringBuilder($"SELECT {CertificateRow.Columns} FROM certificates WHERE TRUE");
        var parameters = new DynamicParameters();
        void Filter(string condition, string name, object value)
        {
            sql.Append(" AND ").Append(condition);
            parameters.Add(name, value);
        }

        if (query.Address is not null)
        {
            Filter("address = @Address", "Address", query.Address);
        }

        if (query.Status is { } status)
        {
            Filter("status = @Status", "Status", PgValues.Name(status));
        }

        if (query.NotAfterBefore is { } before)
        {
            Filter("not_after < @NotAfterBefore", "NotAfterBefore", PgValues.Instant(before));
        }

        if (query.SerialNumber is not null)
        {
            Filter("serial_number = @SerialNumber", "SerialNumber", query.SerialNumber.ToUpperInvariant());
        }

        if (query.ProviderName is not null)
        {
            Filter("provider_name = @ProviderName", "ProviderName", query.ProviderName);
        }

        if (after is not null)
        {
            sql.Append(" AND (address > @AfterAddress OR (address = @AfterAddress AND (not_before < @AfterNotBefore OR (not_before = @AfterNotBefore" +
                " AND (created_at < @AfterCreatedAt OR (created_at = @AfterCreatedAt AND id > @AfterId))))))");
            parameters.Add("AfterAddress", after.Address);
            parameters.Add("AfterNotBefore", PgValues.Instant(after.NotBefore));
            parameters.Add("AfterCreatedAt", PgValues.Instant(after.CreatedAt));
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
        var sql = $"SELECT {CertificateRow.Columns} FROM certificates WHERE status = @Status AND not_after <= @AtMost"
            + (after is null ? string.Empty : " AND (not_after, id) > (@AfterNotAfter, @AfterId)")
            + " ORDER BY not_after, id LIMIT @Limit";
        return QueryCertificatesAsync(sql, new
        {
            Status = PgValues.Name(status),
            AtMost = PgValues.Instant(notAfterAtMost),
            AfterNotAfter = after is null ? (DateTime?)null : PgValues.Instant(after.NotAfter),
            AfterId = after?.Id,
            Limit = limit,
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task SetCertificateStatusAsync(string id, CertificateStatus status, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var text = PgValues.Name(status);
        var address = (await GetCertificateAsync(id, cancellationToken).ConfigureAwait(false))?.Address
            ?? throw new InvalidOperationException($"The certificate '{id}' is not in the store.");
        var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await BeginAddressWriteAsync(connection, address, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                if (status == CertificateStatus.Active)
                {
                    await connection.ExecuteAsync(Command(SupersedeActiveSql, new { Address = address, Id = id }, transaction, cancellationToken)).ConfigureAwait(false);
                }

                await connection.ExecuteAsync(Command("UPDATE certificates SET status = @text WHERE id = @id", new { text, id }, transaction, cancellationToken)).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public Task SaveRecipientCertificateAsync(RecipientCertificate certificate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentException.ThrowIfNullOrWhiteSpace(certificate.Address);
        ArgumentException.ThrowIfNullOrWhiteSpace(certificate.Thumbprint);
        ArgumentNullException.ThrowIfNull(certificate.Der);
        return ExecuteAsync(
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
                NotAfter = PgValues.Instant(certificate.NotAfter),
                SeenAt = PgValues.Instant(certificate.SeenAt),
            },
            cancellationToken);
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

    private static async Task<bool> IsThumbprintStoredAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string thumbprint, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<string?>(Command(
            "SELECT id FROM certificates WHERE thumbprint = @thumbprint", new { thumbprint }, transaction, cancellationToken)).ConfigureAwait(false) is not null;

    private Task<IReadOnlyList<CertificateRecord>> QueryCertificatesAsync(string sql, object? parameters, CancellationToken cancellationToken) =>
        QueryListAsync<CertificateRow, CertificateRecord>(sql, parameters, r => r.ToRecord(), cancellationToken);
}
