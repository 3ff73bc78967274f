namespace MpkiConnector.Storage.Conformance.IntegrationTests;

/// <content>Concurrency: several store instances (as several processes or nodes) on one database.</content>
public abstract partial class StoreConformanceTests<TStore>
{
    [Fact]
    public async Task SaveCertificateAsync_ManyActiveForOneAddressFromTwoStores_LeavesExactlyOneActive()
    {
        var other = await OpenAsync();
        var certificates = Enumerable.Range(0, 12).Select(_ => TestRecords.Certificate("erin@example.org")).ToList();

        await Task.WhenAll(certificates.Select((c, i) => Task.Run(() => (i % 2 == 0 ? Store : other).SaveCertificateAsync(c))));

        var all = await Store.ListCertificatesAsync(new CertificateQuery { Address = "erin@example.org" });
        Assert.Equal(12, all.Count);
        Assert.Single(all, c => c.Status == CertificateStatus.Active);
        Assert.Equal(11, all.Count(c => c.Status == CertificateStatus.Superseded));
    }

    [Fact]
    public async Task CompleteIssuanceAsync_SameOrderFromTwoStoresAtOnce_StoresOneActive()
    {
        var other = await OpenAsync();
        var order = TestRecords.Order("fay@example.org");
        Assert.True(await Store.TryOpenOrderAsync(order));
        var previous = TestRecords.Certificate("fay@example.org");
        await Store.SaveCertificateAsync(previous);
        var issued = TestRecords.Certificate("fay@example.org");
        var completed = order with { State = OrderState.Issued, ProviderOrderId = "ca-7" };

        await Task.WhenAll(
            Task.Run(() => Store.CompleteIssuanceAsync(completed, issued)),
            Task.Run(() => other.CompleteIssuanceAsync(completed, issued with { Id = Guid.NewGuid().ToString() })));

        var active = Assert.Single(await other.ListCertificatesAsync(new CertificateQuery { Address = "fay@example.org", Status = CertificateStatus.Active }));
        Assert.Equal(issued.Thumbprint, active.Thumbprint);
        Assert.Equal(CertificateStatus.Superseded, (await Store.GetCertificateAsync(previous.Id))?.Status);
        Assert.Equal(2, (await Store.ListCertificatesAsync(new CertificateQuery { Address = "fay@example.org" })).Count);
    }
}
