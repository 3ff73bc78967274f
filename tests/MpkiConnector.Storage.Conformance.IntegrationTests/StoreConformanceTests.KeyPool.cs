namespace MpkiConnector.Storage.Conformance.IntegrationTests;

/// <content>Key pool (<see cref="IKeyPoolStore"/>): a pooled key is claimed in the transaction that journals its order, by exactly one order.</content>
public abstract partial class StoreConformanceTests<TStore>
{
    [Fact]
    public async Task TryOpenOrderWithPooledKeyAsync_PoolHoldsAKey_ClaimsItForTheOrder()
    {
        var pool = PoolOf(Store);
        await pool.AddPooledKeyAsync(PooledKey("p1", MpkiKeyAlgorithm.Rsa3072));
        await pool.AddPooledKeyAsync(PooledKey("p2", MpkiKeyAlgorithm.EcdsaP256));

        var opening = await pool.TryOpenOrderWithPooledKeyAsync("software", MpkiKeyAlgorithm.Rsa3072, k => TestRecords.Order("a@example.org", "o1") with { KeyId = k.Id });

        Assert.Equal(PooledOrderOpening.Opened, opening);
        Assert.Equal("p1", (await Store.GetOpenOrderAsync("a@example.org"))?.KeyId);
        Assert.Equal(0, await pool.CountPooledKeysAsync("software", MpkiKeyAlgorithm.Rsa3072));
        Assert.Equal(1, await pool.CountPooledKeysAsync("software", MpkiKeyAlgorithm.EcdsaP256));
        Assert.Equal(["p1"], (await Store.ListKeysAsync("software")).Select(k => k.Id));
    }

    [Fact]
    public async Task TryOpenOrderWithPooledKeyAsync_OrderAlreadyOpen_KeepsTheKeyFree()
    {
        var pool = PoolOf(Store);
        await pool.AddPooledKeyAsync(PooledKey("p1", MpkiKeyAlgorithm.EcdsaP256));
        Assert.True(await Store.TryOpenOrderAsync(TestRecords.Order("a@example.org", "o0")));

        var opening = await pool.TryOpenOrderWithPooledKeyAsync("software", MpkiKeyAlgorithm.EcdsaP256, k => TestRecords.Order("a@example.org", "o1") with { KeyId = k.Id });

        Assert.Equal(PooledOrderOpening.OrderExists, opening);
        Assert.Equal(1, await pool.CountPooledKeysAsync("software", MpkiKeyAlgorithm.EcdsaP256));
        Assert.Equal("o0", (await Store.GetOpenOrderAsync("a@example.org"))?.Id);
    }

    [Fact]
    public async Task TryOpenOrderWithPooledKeyAsync_EmptyPoolOrFailingCallback_WritesNothing()
    {
        var pool = PoolOf(Store);
        Assert.Equal(PooledOrderOpening.PoolEmpty, await pool.TryOpenOrderWithPooledKeyAsync("software", MpkiKeyAlgorithm.EcdsaP256, _ => throw new InvalidOperationException("not called")));
        await pool.AddPooledKeyAsync(PooledKey("p1", MpkiKeyAlgorithm.EcdsaP256));

        await Assert.ThrowsAsync<InvalidOperationException>(() => pool.TryOpenOrderWithPooledKeyAsync("software", MpkiKeyAlgorithm.EcdsaP256, _ => throw new InvalidOperationException("csr failed")));

        Assert.Equal(1, await pool.CountPooledKeysAsync("software", MpkiKeyAlgorithm.EcdsaP256));
        Assert.Null(await Store.GetOpenOrderAsync("a@example.org"));
    }

    [Fact]
    public async Task TryOpenOrderWithPooledKeyAsync_ManyOrdersFromTwoStoresAtOnce_NoKeyServesTwoOrders()
    {
        var pool = PoolOf(Store);
        var other = PoolOf(await OpenAsync());
        for (var i = 0; i < 8; i++)
        {
            await pool.AddPooledKeyAsync(PooledKey($"p{i}", MpkiKeyAlgorithm.EcdsaP256, i));
        }

        var openings = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() =>
            (i % 2 == 0 ? pool : other).TryOpenOrderWithPooledKeyAsync("software", MpkiKeyAlgorithm.EcdsaP256, k => TestRecords.Order($"s{i}@example.org", $"o{i}") with { KeyId = k.Id }))));

        Assert.Equal(8, openings.Count(o => o == PooledOrderOpening.Opened));
        Assert.Equal(4, openings.Count(o => o == PooledOrderOpening.PoolEmpty));
        var keyIds = (await Store.ListOpenOrdersAsync()).Select(o => o.KeyId).ToList();
        Assert.Equal(8, keyIds.Distinct().Count());
        Assert.Equal(0, await pool.CountPooledKeysAsync("software", MpkiKeyAlgorithm.EcdsaP256));
    }

    private static IKeyPoolStore PoolOf(TStore store) =>
        store as IKeyPoolStore ?? throw new InvalidOperationException($"{typeof(TStore).Name} does not implement IKeyPoolStore.");

    private static StoredKey PooledKey(string id, MpkiKeyAlgorithm algorithm, int second = 0) =>
        new(id, "software", algorithm, [1, 2, 3], null, [4, 5], TestRecords.Now.AddSeconds(second));
}
