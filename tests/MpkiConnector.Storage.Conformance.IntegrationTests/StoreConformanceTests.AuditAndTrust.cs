namespace MpkiConnector.Storage.Conformance.IntegrationTests;

/// <content>A journal step and its audit entries in one transaction; roots pinned per provider account.</content>
public abstract partial class StoreConformanceTests<TStore>
{
    /// <summary>Makes every later insert into the audit log fail (as a crash between the two writes would interrupt them).</summary>
    protected abstract Task FailAuditWritesAsync();

    [Fact]
    public async Task UpdateOrderAsync_WithAuditEntries_StepAndEntriesWritten()
    {
        var order = TestRecords.Order("alice@example.org");
        Assert.True(await Store.TryOpenOrderAsync(order, [Entry("order.intent", order)]));

        await Store.UpdateOrderAsync(order with { State = OrderState.Submitted, ProviderOrderId = "ca-1" }, [Entry("order.submitted", order)]);

        Assert.Equal(OrderState.Submitted, (await Store.GetOrderAsync(order.Id))!.State);
        Assert.Equal(["order.submitted", "order.intent"], (await Store.ListAsync(10, "alice@example.org")).Select(e => e.Action));
    }

    [Fact]
    public async Task JournalSteps_AuditWriteFailsInsideTheTransaction_StepRolledBackToo()
    {
        var order = TestRecords.Order("alice@example.org");
        Assert.True(await Store.TryOpenOrderAsync(order));
        await FailAuditWritesAsync();

        await Assert.ThrowsAnyAsync<Exception>(() => Store.UpdateOrderAsync(order with { State = OrderState.Submitted, ProviderOrderId = "ca-1" }, [Entry("order.submitted", order)]));
        var other = TestRecords.Order("bob@example.org");
        await Assert.ThrowsAnyAsync<Exception>(() => Store.TryOpenOrderAsync(other, [Entry("order.intent", other)]));
        var certificate = TestRecords.Certificate("alice@example.org");
        await Assert.ThrowsAnyAsync<Exception>(() => Store.CompleteIssuanceAsync(order with { State = OrderState.Issued }, certificate, [Entry("certificate.issued", order)]));

        Assert.Equal(OrderState.Intent, (await Store.GetOrderAsync(order.Id))!.State);
        Assert.Null(await Store.GetOpenOrderAsync("bob@example.org"));
        Assert.Null(await Store.GetActiveCertificateAsync("alice@example.org"));
        Assert.Empty(await Store.ListAsync(10));
    }

    [Fact]
    public async Task TryOpenOrderAsync_OpenOrderExistsWithAudit_NoEntryWritten()
    {
        Assert.True(await Store.TryOpenOrderAsync(TestRecords.Order("alice@example.org")));
        var second = TestRecords.Order("alice@example.org");

        Assert.False(await Store.TryOpenOrderAsync(second, [Entry("order.intent", second)]));

        Assert.Empty(await Store.ListAsync(10));
    }

    [Fact]
    public async Task PinRootsAsync_TwoInstancesPinDifferentRoots_FirstPinWinsForEveryInstance()
    {
        var other = await OpenAsync();
        Assert.Empty(await Store.GetPinnedRootsAsync("scm"));

        var first = await Store.PinRootsAsync("scm", [[1, 2, 3], [4, 5]], TestRecords.Now);
        var second = await other.PinRootsAsync("SCM", [[9, 9, 9]], TestRecords.Now);

        Assert.Equal([[1, 2, 3], [4, 5]], first);
        Assert.Equal(first, second);
        Assert.Equal(first, await other.GetPinnedRootsAsync("Scm"));
        Assert.Empty(await other.GetPinnedRootsAsync("another-account"));
    }

    private static AuditEntry Entry(string action, OrderRecord order) => new(TestRecords.Now, action, order.Address, $"order {order.Id}");
}
