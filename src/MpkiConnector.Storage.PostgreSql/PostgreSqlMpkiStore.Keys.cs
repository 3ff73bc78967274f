using MpkiConnector.Storage.PostgreSql.Internal;

namespace MpkiConnector.Storage.PostgreSql;

/// <content>IKeyStore: keys are stored exactly as given (sealed PKCS#8 or a reference), never decrypted here.</content>
public sealed partial class PostgreSqlMpkiStore
{
    /// <inheritdoc />
    public Task SaveKeyAsync(StoredKey key, CancellationToken cancellationToken = default) =>
        InsertKeyAsync(key, null, cancellationToken);

    private async Task InsertKeyAsync(StoredKey key, string? poolState, CancellationToken cancellationToken)
    {
        StoreArguments.CheckKey(key);
        if (await ExecuteAsync(KeyRow.InsertSql, KeyRow.From(key, poolState), cancellationToken).ConfigureAwait(false) == 0)
        {
            throw new InvalidOperationException($"A key with id '{key.Id}' is already stored.");
        }
    }

    /// <inheritdoc />
    public async Task<StoredKey?> GetKeyAsync(string keyId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyId);
        var rows = await QueryListAsync<KeyRow, StoredKey>($"SELECT {KeyRow.Columns} FROM keys WHERE id = @keyId", new { keyId }, r => r.ToRecord(), cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredKey>> ListKeysAsync(string providerKind, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(providerKind);
        return QueryListAsync<KeyRow, StoredKey>(
            $"SELECT {KeyRow.Columns} FROM keys WHERE provider_kind = @providerKind AND pool_state IS NULL ORDER BY created_at, id", new { providerKind }, r => r.ToRecord(), cancellationToken);
    }

    /// <inheritdoc />
    public Task DeleteKeyAsync(string keyId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyId);
        return ExecuteAsync("DELETE FROM keys WHERE id = @keyId", new { keyId }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListUnreferencedKeysAsync(DateTimeOffset createdBefore, CancellationToken cancellationToken = default) =>
        QueryListAsync<string, string>(
            """
            SELECT k.id FROM keys k
            WHERE k.created_at < @createdBefore AND (k.pool_state IS NULL OR k.pool_state <> 'free')
              AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.key_id = k.id AND o.state IN ('intent', 'submitted', 'issued'))
              AND NOT EXISTS (SELECT 1 FROM certificates c WHERE c.key_id = k.id)
            ORDER BY k.created_at, k.id
            """,
            new { createdBefore = PgValues.Instant(createdBefore) },
            id => id,
            cancellationToken);
}
