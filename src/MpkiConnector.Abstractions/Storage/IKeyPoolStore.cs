namespace MpkiConnector.Storage;

/// <summary>
/// Keys generated ahead of need (a pool per provider kind and algorithm). A pooled key is an ordinary stored key (sealed
/// like every software key) that no order owns yet; it is taken in the same transaction that journals the order's intent,
/// so a crash never hands one key to two orders. An optional capability of a store: the coordinator uses it when the
/// <see cref="IKeyStore"/> also implements it.
/// </summary>
public interface IKeyPoolStore
{
    /// <summary>Adds a key to the pool (free, owned by no order).</summary>
    Task AddPooledKeyAsync(StoredKey key, CancellationToken cancellationToken = default);

    /// <summary>How many free keys the pool holds for a provider kind and algorithm.</summary>
    Task<int> CountPooledKeysAsync(string providerKind, MpkiKeyAlgorithm algorithm, CancellationToken cancellationToken = default);

    /// <summary>
    /// In one transaction: takes the oldest free pooled key, builds the order with it (<paramref name="createOrder"/>,
    /// for example signing the CSR), marks the key claimed by that order and journals the order (state intent). Nothing is
    /// written when the pool is empty, when another order is open for the address, or when <paramref name="createOrder"/> throws.
    /// </summary>
    Task<PooledOrderOpening> TryOpenOrderWithPooledKeyAsync(
        string providerKind, MpkiKeyAlgorithm algorithm, Func<StoredKey, OrderRecord> createOrder, CancellationToken cancellationToken = default);
}
