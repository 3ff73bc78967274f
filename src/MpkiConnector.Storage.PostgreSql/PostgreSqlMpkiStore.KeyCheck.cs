using Dapper;
using MpkiConnector.Storage.PostgreSql.Internal;

namespace MpkiConnector.Storage.PostgreSql;

/// <content>IKeyEncryptionKeyBinding: the check value of the KEK in <c>key_check</c>; re-sealing in one transaction.</content>
public sealed partial class PostgreSqlMpkiStore
{
    /// <inheritdoc />
    public async Task<KeyEncryptionKeyCheck?> GetKeyCheckAsync(CancellationToken cancellationToken = default)
    {
        var rows = await QueryListAsync<KeyCheckRow, KeyEncryptionKeyCheck>(KeyCheckRow.SelectSql, null, r => r.ToRecord(), cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    public async Task<KeyEncryptionKeyCheck> EnsureKeyCheckAsync(KeyEncryptionKeyCheck check, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(check);
        await ExecuteAsync(
            "INSERT INTO key_check (id, check_value, source, recorded_at) VALUES (1, @CheckValue, @Source, @RecordedAt) ON CONFLICT (id) DO NOTHING",
            new { check.CheckValue, check.Source, RecordedAt = PgValues.Instant(check.RecordedAt) },
            cancellationToken).ConfigureAwait(false);
        return (await GetKeyCheckAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc />
    public async Task ResealKeysAsync(IReadOnlyDictionary<string, byte[]> resealed, KeyEncryptionKeyCheck newCheck, string expectedCheckValue, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resealed);
        ArgumentNullException.ThrowIfNull(newCheck);
        var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var current = await connection.ExecuteScalarAsync<string?>(Command(
                    "SELECT check_value FROM key_check WHERE id = 1 FOR UPDATE", null, transaction, cancellationToken)).ConfigureAwait(false);
                if (!string.Equals(current, expectedCheckValue, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"The store {Database} on {Server} is no longer bound to the key-encryption key being replaced (rotated meanwhile?); nothing was changed.");
                }

                // Free pooled keys were never handed out: they are dropped rather than re-sealed (the pool refills under the new KEK).
                await connection.ExecuteAsync(Command("DELETE FROM keys WHERE pool_state = 'free'", null, transaction, cancellationToken)).ConfigureAwait(false);
                var sealedIds = (await connection.QueryAsync<string>(Command(
                    "SELECT id FROM keys WHERE encrypted_pkcs8 IS NOT NULL FOR UPDATE", null, transaction, cancellationToken)).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
                if (!sealedIds.SetEquals(resealed.Keys))
                {
                    throw new InvalidOperationException($"The keys of the store {Database} on {Server} changed while they were being re-sealed (is a gateway running?); nothing was changed.");
                }

                foreach (var (keyId, sealedKey) in resealed)
                {
                    await connection.ExecuteAsync(Command(
                        "UPDATE keys SET encrypted_pkcs8 = @sealedKey WHERE id = @keyId", new { keyId, sealedKey }, transaction, cancellationToken)).ConfigureAwait(false);
                }

                await connection.ExecuteAsync(Command(
                    "UPDATE key_check SET check_value = @CheckValue, source = @Source, recorded_at = @RecordedAt WHERE id = 1",
                    new { newCheck.CheckValue, newCheck.Source, RecordedAt = PgValues.Instant(newCheck.RecordedAt) },
                    transaction,
                    cancellationToken)).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
