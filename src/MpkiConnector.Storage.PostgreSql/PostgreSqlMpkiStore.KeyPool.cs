using Dapper;
using MpkiConnector.Storage.PostgreSql.Internal;
using Npgsql;

namespace MpkiConnector.Storage.PostgreSql;

/// <content>
/// IKeyPoolStore: free pooled keys have <c>pool_state = 'free'</c>; a claimed one is an ordinary key with
/// <c>claimed_by_order</c>. Nodes claiming at once each lock a different free key (<c>FOR UPDATE SKIP LOCKED</c>).
/// </content>
public sealed partial class PostgreSqlMpkiStore : IKeyPoolStore
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
            return await connection.ExecuteScalarAsync<int>(Command(
                "SELECT COUNT(*)::integer FROM keys WHERE pool_state = 'free' AND provider_kind = @providerKind AND algorithm = @Algorithm",
                new { providerKind, Algorithm = PgValues.Name(algorithm) },
                null,
                cancellationToken)).ConfigureAwait(false);
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
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var row = await connection.QuerySingleOrDefaultAsync<KeyRow>(Command(
                    $"SELECT {KeyRow.Columns} FROM keys WHERE pool_state = 'free' AND provider_kind = @providerKind AND algorithm = @Algorithm " +
                    "ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED",
                    new { providerKind, Algorithm = PgValues.Name(algorithm) },
                    transaction,
                    cancellationToken)).ConfigureAwait(false);
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

                try
                {
                    if (await connection.ExecuteAsync(Command(OrderRow.InsertOpenSql, OrderRow.From(order), transaction, cancellationToken)).ConfigureAwait(false) == 0)
                    {
                        return PooledOrderOpening.OrderExists;
                    }
                }
                catch (PostgresException exception) when (exception is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "orders_pkey" })
                {
                    throw new InvalidOperationException($"An order with id '{order.Id}' is already in the journal.", exception);
                }

                await connection.ExecuteAsync(Command(
                    "UPDATE keys SET pool_state = NULL, claimed_by_order = @OrderId WHERE id = @Id",
                    new { OrderId = order.Id, row.Id },
                    transaction,
                    cancellationToken)).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return PooledOrderOpening.Opened;
            }
        }
    }
}
