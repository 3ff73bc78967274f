using Dapper;
using Microsoft.Data.Sqlite;
using MpkiConnector.Storage.Sqlite.Internal;

namespace MpkiConnector.Storage.Sqlite;

/// <content>IKeyPoolStore: free pooled keys have <c>pool_state = 'free'</c>; a claimed one is an ordinary key with <c>claimed_by_order</c>.</content>
public sealed partial class SqliteMpkiStore : IKeyPoolStore
{
    /// <inheritdoc />
    public Task AddPooledKeyAsync(StoredKey key, CancellationToken cancellationToken = default) =>
        InsertKeyAsync(key, "free", cancellationToken);

    /// <inheritdoc />
    public async Task<int> CountPooledKeysAsync(string providerKind, MpkiKeyAlgorithm algorithm, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(providerKind);
        var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                "SELECT COUNT(*) FROM keys WHERE pool_state = 'free' AND provider_kind = @providerKind AND algorithm = @Algorithm",
                new { providerKind, Algorithm = SqliteText.Algorithm(algorithm) },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<PooledOrderOpening> TryOpenOrderWithPooledKeyAsync(
        string providerKind, MpkiKeyAlgorithm algorithm, Func<StoredKey, OrderRecord> createOrder, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(providerKind);
        ArgumentNullException.ThrowIfNull(createOrder);
        var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var transaction = BeginWrite(connection);
            var row = await connection.QuerySingleOrDefaultAsync<KeyRow>(new CommandDefinition(
                $"SELECT {KeyRow.Columns} FROM keys WHERE pool_state = 'free' AND provider_kind = @providerKind AND algorithm = @Algorithm ORDER BY created_at, id LIMIT 1",
                new { providerKind, Algorithm = SqliteText.Algorithm(algorithm) },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (row is null)
            {
                return PooledOrderOpening.PoolEmpty;
            }

            var order = createOrder(row.ToRecord());
            StoreArguments.CheckNewOrder(order);
            if (!string.Equals(order.KeyId, row.Id, StringComparison.Ordinal) || order.State != OrderState.Intent)
            {
                throw new ArgumentException("The order must be in state Intent and use the pooled key it was given.", nameof(createOrder));
            }

            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE keys SET pool_state = NULL, claimed_by_order = @OrderId WHERE id = @Id AND pool_state = 'free'",
                new { OrderId = order.Id, row.Id },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            try
            {
                await connection.ExecuteAsync(new CommandDefinition(OrderRow.InsertSql, OrderRow.From(order), transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            }
            catch (SqliteException exception) when (IsUniqueViolation(exception))
            {
                return PooledOrderOpening.OrderExists;
            }

            transaction.Commit();
            return PooledOrderOpening.Opened;
        }
    }
}
