using Dapper;
using Microsoft.Data.Sqlite;
using MpkiConnector.Storage.Sqlite.Internal;

namespace MpkiConnector.Storage.Sqlite;

/// <content>IKeyStore: keys are stored exactly as given (encrypted PKCS#8 or a reference), never decrypted here.</content>
public sealed partial class SqliteMpkiStore
{
    /// <inheritdoc />
    public Task SaveKeyAsync(StoredKey key, CancellationToken cancellationToken = default) =>
        InsertKeyAsync(key, null, cancellationToken);

    private async Task InsertKeyAsync(StoredKey key, string? poolState, CancellationToken cancellationToken)
    {
        StoreArguments.CheckKey(key);

        var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO keys (id, provider_kind, algorithm, encrypted_pkcs8, external_reference, public_key_info, created_at, pool_state)
                    VALUES (@Id, @ProviderKind, @Algorithm, @EncryptedPkcs8, @ExternalReference, @PublicKeyInfo, @CreatedAt, @PoolState)
                    """,
                    new
                    {
                        key.Id,
                        key.ProviderKind,
                        Algorithm = SqliteText.Algorithm(key.Algorithm),
                        key.EncryptedPkcs8,
                        key.ExternalReference,
                        key.PublicKeyInfo,
                        CreatedAt = SqliteText.Instant(key.CreatedAt),
                        PoolState = poolState,
                    },
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
            }
            catch (SqliteException exception) when (IsPrimaryKeyViolation(exception))
            {
                throw new InvalidOperationException($"A key with id '{key.Id}' is already stored.", exception);
            }
        }
    }

    /// <inheritdoc />
    public async Task<StoredKey?> GetKeyAsync(string keyId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyId);
        var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var row = await connection.QuerySingleOrDefaultAsync<KeyRow>(new CommandDefinition(
                $"SELECT {KeyRow.Columns} FROM keys WHERE id = @keyId", new { keyId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return row?.ToRecord();
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredKey>> ListKeysAsync(string providerKind, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(providerKind);
        var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var rows = await connection.QueryAsync<KeyRow>(new CommandDefinition(
                $"SELECT {KeyRow.Columns} FROM keys WHERE provider_kind = @providerKind AND pool_state IS NULL ORDER BY created_at, id",
                new { providerKind },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            return rows.Select(r => r.ToRecord()).ToList();
        }
    }

    /// <inheritdoc />
    public async Task DeleteKeyAsync(string keyId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyId);
        var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM keys WHERE id = @keyId", new { keyId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListUnreferencedKeysAsync(DateTimeOffset createdBefore, CancellationToken cancellationToken = default)
    {
        var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var ids = await connection.QueryAsync<string>(new CommandDefinition(
                """
                SELECT k.id FROM keys k
                WHERE k.created_at < @createdBefore AND (k.pool_state IS NULL OR k.pool_state <> 'free')
                  AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.key_id = k.id AND o.state IN ('intent', 'submitted', 'issued'))
                  AND NOT EXISTS (SELECT 1 FROM certificates c WHERE c.key_id = k.id)
                ORDER BY k.created_at, k.id
                """,
                new { createdBefore = SqliteText.Instant(createdBefore) },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            return ids.ToList();
        }
    }
}
