using Dapper;
using MpkiConnector.Storage.Sqlite.Internal;

namespace MpkiConnector.Storage.Sqlite;

/// <content>IKeyEncryptionKeyBinding: the check value of the KEK in <c>key_check</c>; re-sealing in one transaction.</content>
public sealed partial class SqliteMpkiStore
{
    private const string SelectKeyCheck = "SELECT check_value AS CheckValue, source AS Source, recorded_at AS RecordedAt FROM key_check WHERE id = 1";

    /// <inheritdoc />
    public async Task<KeyEncryptionKeyCheck?> GetKeyCheckAsync(CancellationToken cancellationToken = default)
    {
        var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var row = await connection.QuerySingleOrDefaultAsync<KeyCheckRow>(
                new CommandDefinition(SelectKeyCheck, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return row?.ToRecord();
        }
    }

    /// <inheritdoc />
    public async Task<KeyEncryptionKeyCheck> EnsureKeyCheckAsync(KeyEncryptionKeyCheck check, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(check);
        var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT OR IGNORE INTO key_check (id, check_value, source, recorded_at) VALUES (1, @CheckValue, @Source, @RecordedAt)",
                new { check.CheckValue, check.Source, RecordedAt = SqliteText.Instant(check.RecordedAt) },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

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
            using var transaction = BeginWrite(connection);
            var current = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
                "SELECT check_value FROM key_check WHERE id = 1", transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (!string.Equals(current, expectedCheckValue, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The store {DatabasePath} is no longer bound to the key-encryption key being replaced (rotated meanwhile?); nothing was changed.");
            }

            // Free pooled keys were never handed out: they are dropped rather than re-sealed (the pool refills under the new KEK).
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM keys WHERE pool_state = 'free'", transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var sealedIds = (await connection.QueryAsync<string>(new CommandDefinition(
                "SELECT id FROM keys WHERE encrypted_pkcs8 IS NOT NULL", transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
            if (!sealedIds.SetEquals(resealed.Keys))
            {
                throw new InvalidOperationException($"The keys of the store {DatabasePath} changed while they were being re-sealed (is a gateway running?); nothing was changed.");
            }

            foreach (var (keyId, sealedKey) in resealed)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE keys SET encrypted_pkcs8 = @sealedKey WHERE id = @keyId", new { keyId, sealedKey }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            }

            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE key_check SET check_value = @CheckValue, source = @Source, recorded_at = @RecordedAt WHERE id = 1",
                new { newCheck.CheckValue, newCheck.Source, RecordedAt = SqliteText.Instant(newCheck.RecordedAt) },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            transaction.Commit();
        }
    }
}
