using Dapper;
using MpkiConnector.Storage.PostgreSql.Internal;
using Npgsql;

namespace MpkiConnector.Storage.PostgreSql;

/// <content>IOrderJournal: one open order per address across every node, enforced by a unique partial index.</content>
public sealed partial class PostgreSqlMpkiStore
{
    private const string OpenStates = "('intent', 'submitted')";

    /// <inheritdoc />
    public Task<bool> TryOpenOrderAsync(OrderRecord order, CancellationToken cancellationToken = default) =>
        TryOpenOrderAsync(order, [], cancellationToken);

    /// <inheritdoc />
    public async Task<bool> TryOpenOrderAsync(OrderRecord order, IReadOnlyList<AuditEntry> audit, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckNewOrder(order);
        CheckAudit(audit);
        try
        {
            // ON CONFLICT on ux_orders_one_open_per_address: a racing node's insert waits for ours, then writes nothing.
            return await InTransactionAsync(audit, async (connection, transaction) =>
                await connection.ExecuteAsync(Command(OrderRow.InsertOpenSql, OrderRow.From(order), transaction, cancellationToken)).ConfigureAwait(false) == 1,
                cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException exception) when (exception is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "orders_pkey" })
        {
            throw new InvalidOperationException($"An order with id '{order.Id}' is already in the journal.", exception);
        }
    }

    /// <inheritdoc />
    public Task UpdateOrderAsync(OrderRecord order, CancellationToken cancellationToken = default) =>
        UpdateOrderAsync(order, [], cancellationToken);

    /// <inheritdoc />
    public Task UpdateOrderAsync(OrderRecord order, IReadOnlyList<AuditEntry> audit, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckOrder(order);
        CheckAudit(audit);
        return InTransactionAsync(audit, async (connection, transaction) =>
        {
            await UpdateOrderInAsync(connection, transaction, OrderRow.From(order), cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<OrderRecord?> GetOrderAsync(string orderId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        var rows = await QueryOrdersAsync($"SELECT {OrderRow.Columns} FROM orders WHERE id = @orderId", new { orderId }, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    public async Task<OrderRecord?> GetOpenOrderAsync(string address, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        var rows = await QueryOrdersAsync(
            $"SELECT {OrderRow.Columns} FROM orders WHERE address = @address AND state IN {OpenStates}", new { address }, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<OrderRecord>> ListOpenOrdersAsync(CancellationToken cancellationToken = default) =>
        QueryOrdersAsync($"SELECT {OrderRow.Columns} FROM orders WHERE state IN {OpenStates} ORDER BY created_at, id", null, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<OrderRecord>> ListOrdersAsync(string address, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        return QueryOrdersAsync(
            $"SELECT {OrderRow.Columns} FROM orders WHERE address = @address ORDER BY created_at DESC, updated_at DESC, id", new { address }, cancellationToken);
    }

    private Task<IReadOnlyList<OrderRecord>> QueryOrdersAsync(string sql, object? parameters, CancellationToken cancellationToken) =>
        QueryListAsync<OrderRow, OrderRecord>(sql, parameters, r => r.ToRecord(), cancellationToken);

    /// <summary>Runs <paramref name="write"/> and, when it returns true, appends <paramref name="audit"/>, in one transaction.</summary>
    private async Task<bool> InTransactionAsync(IReadOnlyList<AuditEntry> audit, Func<NpgsqlConnection, NpgsqlTransaction, Task<bool>> write, CancellationToken cancellationToken)
    {
        var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                if (!await write(connection, transaction).ConfigureAwait(false))
                {
                    return false;
                }

                await AppendInAsync(connection, transaction, audit, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return true;
            }
        }
    }

    /// <summary>Writes an order in a transaction that is already open; throws when the order is unknown.</summary>
    private static async Task UpdateOrderInAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, OrderRow order, CancellationToken cancellationToken)
    {
        if (await connection.ExecuteAsync(Command(OrderRow.UpdateSql, order, transaction, cancellationToken)).ConfigureAwait(false) == 0)
        {
            throw new InvalidOperationException($"The order '{order.Id}' is not in the journal.");
        }
    }
}
