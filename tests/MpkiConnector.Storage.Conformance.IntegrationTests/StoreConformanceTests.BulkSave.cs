namespace MpkiConnector.Storage.Conformance.IntegrationTests;

/// <content>Bulk saves (<see cref="ICertificateStore.SaveCertificatesAsync"/>): each certificate as <c>SaveCertificateAsync</c> would store it.</content>
public abstract partial class StoreConformanceTests<TStore>
{
    [Fact]
    public async Task SaveCertificatesAsync_BatchWithTwoForOneAddressAndAKnownOne_LastActiveWinsKnownSkipped()
    {
        var known = TestRecords.Certificate("known@example.org");
        await Store.SaveCertificateAsync(known);
        var older = TestRecords.Certificate("bulk@example.org");
        var newer = TestRecords.Certificate("bulk@example.org");
        var others = Enumerable.Range(0, 50).Select(i => TestRecords.Certificate($"b{i}@example.org")).ToList();

        await Store.SaveCertificatesAsync([older, newer, known with { Id = "another-id" }, .. others]);

        Assert.Equal(newer.Id, (await Store.GetActiveCertificateAsync("bulk@example.org"))?.Id);
        Assert.Equal(CertificateStatus.Superseded, (await Store.GetCertificateAsync(older.Id))?.Status);
        Assert.Null(await Store.GetCertificateAsync("another-id"));
        Assert.Equal(53, (await Store.ListCertificatesAsync(new CertificateQuery())).Count);
        foreach (var other in others)
        {
            Assert.Equal(other.Id, (await Store.GetActiveCertificateAsync(other.Address))?.Id);
        }
    }
}
