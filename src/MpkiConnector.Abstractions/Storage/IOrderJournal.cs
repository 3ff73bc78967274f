namespace MpkiConnector.Storage;

/// <summary>The order journal: the durable record of every issuance step, so that a killed process resumes.</summary>
public interface IOrderJournal
{
    /// <summary>
    /// Opens an order in state <see cref="OrderState.Intent"/>. Returns <see langword="false"/> when another open
    /// order exists for the same address (in this or any other process using the same store).
    /// </summary>
    Task<bool> TryOpenOrderAsync(OrderRecord order, CancellationToken cancellationToken = default);

    /// <summary>Writes a new state of an existing order.</summary>
    Task UpdateOrderAsync(OrderRecord order, CancellationToken cancellationToken = default);

    /// <summary>Finds an order by our id.</summary>
    Task<OrderRecord?> GetOrderAsync(string orderId, CancellationToken cancellationToken = default);

    /// <summary>The open order of an address, if any.</summary>
    Task<OrderRecord?> GetOpenOrderAsync(string address, CancellationToken cancellationToken = default);

    /// <summary>All open orders (to resume after a restart).</summary>
    Task<IReadOnlyList<OrderRecord>> ListOpenOrdersAsync(CancellationToken cancellationToken = default);

    /// <summary>Orders of an address, newest first.</summary>
    Task<IReadOnlyList<OrderRecord>> ListOrdersAsync(string address, CancellationToken cancellationToken = default);
}
