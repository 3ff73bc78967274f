namespace MpkiConnector.Storage.Conformance.IntegrationTests;

/// <content>Renewal's due scan (<see cref="ICertificateStore.ListCertificatesEndingByAsync"/>): keyset pages in end-of-validity order.</content>
public abstract partial class StoreConformanceTests<TStore>
{
    [Fact]
    public async Task ListCertificatesEndingByAsync_PagedThroughTheStore_ReturnsEachDueCertificateOnceInOrder()
    {
        var due = new List<CertificateRecord>();
        for (var i = 0; i < 7; i++)
        {
            // Two certificates share each end of validity, so the pages must break ties by id.
            var certificate = TestRecords.Certificate($"d{i}@example.org", TestRecords.Now.AddDays(10 + (i / 2)));
            due.Add(certificate);
            await Store.SaveCertificateAsync(certificate);
        }

        await Store.SaveCertificateAsync(TestRecords.Certificate("late@example.org", TestRecords.Now.AddDays(100)));
        await Store.SaveCertificateAsync(TestRecords.Certificate("old@example.org", TestRecords.Now.AddDays(5), CertificateStatus.Superseded));

        var seen = new List<CertificateRecord>();
        CertificateRecord? last = null;
        while (true)
        {
            var page = await Store.ListCertificatesEndingByAsync(CertificateStatus.Active, TestRecords.Now.AddDays(20), 3, last);
            Assert.True(page.Count <= 3);
            if (page.Count == 0)
            {
                break;
            }

            seen.AddRange(page);
            last = page[^1];
        }

        var expected = due.OrderBy(c => c.NotAfter).ThenBy(c => c.Id, StringComparer.Ordinal).Select(c => c.Id);
        Assert.Equal(expected, seen.Select(c => c.Id));
    }

    [Fact]
    public async Task ListCertificatesEndingByAsync_NoUpperBound_ListsEveryCertificateOfThatStatus()
    {
        await Store.SaveCertificateAsync(TestRecords.Certificate("r1@example.org", TestRecords.Now.AddDays(30), CertificateStatus.Revoked));
        await Store.SaveCertificateAsync(TestRecords.Certificate("r2@example.org", TestRecords.Now.AddYears(50), CertificateStatus.Revoked));
        await Store.SaveCertificateAsync(TestRecords.Certificate("a@example.org"));

        var revoked = await Store.ListCertificatesEndingByAsync(CertificateStatus.Revoked, DateTimeOffset.MaxValue, 10);

        Assert.Equal(["r1@example.org", "r2@example.org"], revoked.Select(c => c.Address));
    }
}
