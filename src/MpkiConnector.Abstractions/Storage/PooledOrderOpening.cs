namespace MpkiConnector.Storage;

/// <summary>What <see cref="IKeyPoolStore.TryOpenOrderWithPooledKeyAsync"/> did.</summary>
public enum PooledOrderOpening
{
    /// <summary>The order was journaled with a key taken from the pool.</summary>
    Opened,

    /// <summary>The pool had no free key of that algorithm; nothing was written.</summary>
    PoolEmpty,

    /// <summary>Another order is open for the address; nothing was written (the key stays in the pool).</summary>
    OrderExists,
}
