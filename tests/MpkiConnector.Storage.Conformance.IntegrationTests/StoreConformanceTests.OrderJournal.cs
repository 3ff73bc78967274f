namespace MpkiConnector.Storage.Conformance.IntegrationTests;

/// <content>OrderJournal.</content>
public abstract partial class StoreConformanceTests<TStore>
{
    [Fact]
    public async Task TryOpenOrderAsync_NewAddress_StoresEveryField()
    {
        var order = TestRecords.Order("alice@example.org") with
        {
            Kind = MpkiCertificateKind.Device,
            CertificateType = "smime-standard",
            TermDays = 365,
            OrganizationId = "1002",
            DisplayName = "Alice Example",
            RenewsCertificateId = "cert-1",
            Attempts = 2,
            NextAttemptAt = TestRecords.Now.AddMinutes(5),
            LastError = "pending",
            UpdatedAt = TestRecords.Now.AddSeconds(1),
        };

        Assert.True(await Store.TryOpenOrderAsync(order));

        var read = await Store.GetOrderAsync(order.Id);
        Assert.Equal(order, read);
    }

    [Fact]
    public async Task TryOpenOrderAsync_OpenOrderExists_ReturnsFalse()
    {
        Assert.True(await Store.TryOpenOrderAsync(TestRecords.Order("alice@example.org")));

        Assert.False(await Store.TryOpenOrderAsync(TestRecords.Order("alice@example.org")));
        Assert.True(await Store.TryOpenOrderAsync(TestRecords.Order("bob@example.org")));
        Assert.Single(await Store.ListOrdersAsync("alice@example.org"));
    }

    [Fact]
    public async Task TryOpenOrderAsync_SubmittedOrderExists_ReturnsFalse()
    {
        var first = TestRecords.Order("alice@example.org");
        Assert.True(await Store.TryOpenOrderAsync(first));
        await Store.UpdateOrderAsync(first with { State = OrderState.Submitted, ProviderOrderId = "ca-1" });

        Assert.False(await Store.TryOpenOrderAsync(TestRecords.Order("alice@example.org")));
    }

    [Theory]
    [InlineData(OrderState.Issued)]
    [InlineData(OrderState.Rejected)]
    [InlineData(OrderState.Failed)]
    public async Task TryOpenOrderAsync_PreviousOrderClosed_OpensNewOne(OrderState closed)
    {
        var first = TestRecords.Order("alice@example.org");
        Assert.True(await Store.TryOpenOrderAsync(first));
        await Store.UpdateOrderAsync(first with { State = closed });

        var second = TestRecords.Order("alice@example.org");
        Assert.True(await Store.TryOpenOrderAsync(second));

        Assert.Equal(second.Id, (await Store.GetOpenOrderAsync("alice@example.org"))?.Id);
    }

    [Fact]
    public async Task TryOpenOrderAsync_ClosedState_IsRefused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.TryOpenOrderAsync(TestRecords.Order("a@example.org", state: OrderState.Issued)));
    }

    [Fact]
    public async Task TryOpenOrderAsync_TwoStoresRacingOnOneDatabase_ExactlyOneWinsPerAddress()
    {
        var other = await OpenAsync();
        var stores = new[] { Store, other };
        const int Addresses = 25;
        const int ContendersPerStore = 3;

        for (var round = 0; round < 2; round++)
        {
            var attempts = Enumerable.Range(0, Addresses).SelectMany(a => Enumerable.Range(0, ContendersPerStore * stores.Length).Select(c =>
            {
                var store = stores[c % stores.Length];
                var order = TestRecords.Order($"user{a}@example.org");
                return Task.Run(async () => (order, won: await store.TryOpenOrderAsync(order)));
            })).ToList();
            var results = await Task.WhenAll(attempts);

            foreach (var group in results.GroupBy(r => r.order.Address))
            {
                var winner = Assert.Single(group, r => r.won);
                var open = await other.GetOpenOrderAsync(group.Key);
                Assert.Equal(winner.order.Id, open?.Id);

                // Once issued, the next round can open a new order for the address.
                await Store.UpdateOrderAsync(winner.order with { State = OrderState.Issued, UpdatedAt = TestRecords.Now.AddMinutes(1) });
            }
        }

        Assert.Empty(await Store.ListOpenOrdersAsync());
        Assert.Equal(2, (await other.ListOrdersAsync("user0@example.org")).Count);
    }

    [Fact]
    public async Task UpdateOrderAsync_UnknownOrder_Throws()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.UpdateOrderAsync(TestRecords.Order("a@example.org")));
    }

    [Fact]
    public async Task ListOpenOrdersAsync_MixedStates_ReturnsOnlyOpen()
    {
        var open1 = TestRecords.Order("a@example.org");
        var open2 = TestRecords.Order("b@example.org");
        var closed = TestRecords.Order("c@example.org");
        foreach (var order in new[] { open1, open2, closed })
        {
            Assert.True(await Store.TryOpenOrderAsync(order));
        }

        await Store.UpdateOrderAsync(open2 with { State = OrderState.Submitted, ProviderOrderId = "ca-2" });
        await Store.UpdateOrderAsync(closed with { State = OrderState.Failed, LastError = "gave up" });

        var ids = (await Store.ListOpenOrdersAsync()).Select(o => o.Id).ToHashSet();

        Assert.Equal(new HashSet<string> { open1.Id, open2.Id }, ids);
        Assert.Null(await Store.GetOpenOrderAsync("c@example.org"));
        Assert.Equal("gave up", (await Store.GetOrderAsync(closed.Id))?.LastError);
    }

    [Fact]
    public async Task ListOrdersAsync_SeveralOrders_NewestFirst()
    {
        var older = TestRecords.Order("a@example.org");
        Assert.True(await Store.TryOpenOrderAsync(older));
        await Store.UpdateOrderAsync(older with { State = OrderState.Rejected });
        var newer = TestRecords.Order("a@example.org") with { CreatedAt = TestRecords.Now.AddDays(1), UpdatedAt = TestRecords.Now.AddDays(1) };
        Assert.True(await Store.TryOpenOrderAsync(newer));

        var orders = await Store.ListOrdersAsync("a@example.org");

        Assert.Equal([newer.Id, older.Id], orders.Select(o => o.Id));
    }
}
