using Dapper;
using Microsoft.Data.Sqlite;
using MpkiConnector.Storage.Sqlite.Internal;

namespace MpkiConnector.Storage.Sqlite;

/// <content>IOrderJournal: one open order per address, enforced by a unique partial index.</content>
public sealed partial class SqliteMpkiStore
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
        var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var transaction = BeginWrite(connection);
            try
            {
                await connection.ExecuteAsync(new CommandDefinition(OrderRow.InsertSql, OrderRow.From(order), transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            }
            catch (SqliteException exception) when (IsUniqueViolation(exception))
            {
                // ux_orders_one_open_per_address: another open order for this address exists (any process).
                return false;
            }
            catch (SqliteException exception) when (IsPrimaryKeyViolation(exception))
            {
                throw new InvalidOperationException($"An order with id '{order.Id}' is already in the journal.", exception);
            }

            await AppendInAsync(connection, transaction, audit, cancellationToken).ConfigureAwait(false);
            transaction.Commit();
            return true;
        }
    }

    /// <inheritdoc />
    public Task UpdateOrderAsync(OrderRecord order, CancellationToken cancellationToken = default) =>
        UpdateOrderAsync(order, [], cancellationToken);

    /// <inheritdoc />
    public async Task UpdateOrderAsync(OrderRecord order, IReadOnlyList<AuditEntry> audit, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckOrder(order);
        CheckAudit(audit);
        var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var transaction = BeginWrite(connection);
            var changed = await connection.ExecuteAsync(new CommandDefinition(OrderRow.UpdateSql, OrderRow.From(order), transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (changed == 0)
            {
                throw new InvalidOperationException($"The order '{order.Id}' is not in the journal.");
            }

            await AppendInAsync(connection, transaction, audit, cancellationToken).ConfigureAwait(false);
            transaction.Commit();
        }
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
}
