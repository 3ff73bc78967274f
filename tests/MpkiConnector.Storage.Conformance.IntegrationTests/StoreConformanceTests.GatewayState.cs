namespace MpkiConnector.Storage.Conformance.IntegrationTests;

/// <content>GatewayState.</content>
public abstract partial class StoreConformanceTests<TStore>
{
    [Fact]
    public async Task TouchSenderAsync_SameSenderTwice_TrueOnlyTheFirstTime()
    {
        Assert.True(await Store.TouchSenderAsync("alice@example.org", TestRecords.Now));
        Assert.False(await Store.TouchSenderAsync("alice@example.org", TestRecords.Now.AddHours(1)));
        Assert.True(await Store.TouchSenderAsync("bob@example.org", TestRecords.Now));
    }

    [Fact]
    public async Task TouchSenderAsync_ManyConcurrentFromTwoStores_ExactlyOneFirst()
    {
        var other = await OpenAsync();
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => (i % 2 == 0 ? Store : other).TouchSenderAsync("carol@example.org", TestRecords.Now.AddSeconds(i)))));

        Assert.Single(results, r => r);
    }

    [Fact]
    public async Task UpsertDomainAsync_AddReplaceRemove_Works()
    {
        await Store.UpsertDomainAsync(new ManagedDomainRecord("example.org", "dfn", "{}"));
        await Store.UpsertDomainAsync(new ManagedDomainRecord("xn--bcher-kva.example", "sectigo", "{\"term\":365}"));
        await Store.UpsertDomainAsync(new ManagedDomainRecord("example.org", "sectigo", "{\"type\":\"smime\"}"));

        var domains = await Store.ListDomainsAsync();
        Assert.Equal(
            [new ManagedDomainRecord("example.org", "sectigo", "{\"type\":\"smime\"}"), new ManagedDomainRecord("xn--bcher-kva.example", "sectigo", "{\"term\":365}")],
            domains);

        Assert.True(await Store.RemoveDomainAsync("example.org"));
        Assert.False(await Store.RemoveDomainAsync("example.org"));
        Assert.Equal(["xn--bcher-kva.example"], (await Store.ListDomainsAsync()).Select(d => d.Domain));
    }

    [Fact]
    public async Task AppendAsync_Entries_ListNewestFirstWithLimitAndAddress()
    {
        await Store.AppendAsync(new AuditEntry(TestRecords.Now, "order.opened", "alice@example.org", "o-1"));
        await Store.AppendAsync(new AuditEntry(TestRecords.Now.AddMinutes(1), "order.submitted", "alice@example.org", null));
        await Store.AppendAsync(new AuditEntry(TestRecords.Now.AddMinutes(2), "domain.added", null, "example.org"));
        await Store.AppendAsync(new AuditEntry(TestRecords.Now.AddMinutes(3), "certificate.issued", "alice@example.org", "serial 01"));

        var all = await Store.ListAsync(10);
        Assert.Equal(["certificate.issued", "domain.added", "order.submitted", "order.opened"], all.Select(e => e.Action));
        Assert.Equal(new AuditEntry(TestRecords.Now.AddMinutes(3), "certificate.issued", "alice@example.org", "serial 01"), all[0]);

        Assert.Equal(["certificate.issued", "domain.added"], (await Store.ListAsync(2)).Select(e => e.Action));
        Assert.Equal(["certificate.issued", "order.submitted", "order.opened"], (await Store.ListAsync(10, "alice@example.org")).Select(e => e.Action));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.ListAsync(0));
    }
}
