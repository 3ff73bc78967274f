namespace MpkiConnector.Storage.Conformance.IntegrationTests;

/// <content>Paged listing (<see cref="ICertificateStore.ListCertificatesPageAsync"/>): the pages, joined, are the whole listing.</content>
public abstract partial class StoreConformanceTests<TStore>
{
    [Fact]
    public async Task ListCertificatesPageAsync_PagedThroughTheStore_EqualsTheWholeListingInOrder()
    {
        for (var i = 0; i < 5; i++)
        {
            // Several certificates per address with equal not-before and creation instants: the pages must break ties by id.
            await Store.SaveCertificateAsync(TestRecords.Certificate($"p{i % 3}@example.org", status: CertificateStatus.Superseded));
            await Store.SaveCertificateAsync(TestRecords.Certificate($"p{i % 3}@example.org", status: CertificateStatus.Superseded) with { NotBefore = TestRecords.Now.AddDays(-i) });
        }

        await Store.SaveCertificateAsync(TestRecords.Certificate("p1@example.org"));
        var whole = await Store.ListCertificatesAsync(new CertificateQuery());
        var active = await Store.ListCertificatesAsync(new CertificateQuery { Status = CertificateStatus.Active });

        Assert.Equal(whole.Select(c => c.Id), await PageThroughAsync(new CertificateQuery(), 4));
        Assert.Equal(active.Select(c => c.Id), await PageThroughAsync(new CertificateQuery { Status = CertificateStatus.Active }, 4));
        Assert.Equal(11, whole.Count);
    }

    private async Task<List<string>> PageThroughAsync(CertificateQuery query, int limit)
    {
        var ids = new List<string>();
        CertificateRecord? last = null;
        while (true)
        {
            var page = await Store.ListCertificatesPageAsync(query, limit, last);
            Assert.True(page.Count <= limit);
            ids.AddRange(page.Select(c => c.Id));
            if (page.Count < limit)
            {
                return ids;
            }

            last = page[^1];
        }
    }
}
