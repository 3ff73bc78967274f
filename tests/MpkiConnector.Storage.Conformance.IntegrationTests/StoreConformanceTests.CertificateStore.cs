namespace MpkiConnector.Storage.Conformance.IntegrationTests;

/// <content>CertificateStore.</content>
public abstract partial class StoreConformanceTests<TStore>
{
    [Fact]
    public async Task SaveCertificateAsync_WithChain_RoundTripsEveryField()
    {
        var certificate = TestRecords.Certificate("alice@example.org") with { Kind = MpkiCertificateKind.Device, OrderId = "o-1" };

        await Store.SaveCertificateAsync(certificate);
        var read = await Store.GetCertificateAsync(certificate.Id);

        Assert.NotNull(read);
        Assert.Equal(certificate.Address, read.Address);
        Assert.Equal(certificate.Kind, read.Kind);
        Assert.Equal(certificate.SerialNumber, read.SerialNumber);
        Assert.Equal(certificate.Issuer, read.Issuer);
        Assert.Equal(certificate.Subject, read.Subject);
        Assert.Equal(certificate.Thumbprint, read.Thumbprint);
        Assert.Equal(certificate.NotBefore, read.NotBefore);
        Assert.Equal(certificate.NotAfter, read.NotAfter);
        Assert.Equal(certificate.Der, read.Der);
        Assert.Equal(certificate.Chain.Count, read.Chain.Count);
        for (var i = 0; i < certificate.Chain.Count; i++)
        {
            Assert.Equal(certificate.Chain[i], read.Chain[i]);
        }

        Assert.Equal(CertificateStatus.Active, read.Status);
        Assert.Equal(certificate.KeyId, read.KeyId);
        Assert.Equal("o-1", read.OrderId);
        Assert.Equal(certificate.ProviderName, read.ProviderName);
        Assert.Equal(certificate.ProviderOrderId, read.ProviderOrderId);
        Assert.Equal(certificate.CreatedAt, read.CreatedAt);
        Assert.Equal(certificate.Id, (await Store.GetActiveCertificateAsync("alice@example.org"))?.Id);
    }

    [Fact]
    public async Task SaveCertificateAsync_SecondActive_SupersedesFirst()
    {
        var first = TestRecords.Certificate("alice@example.org");
        var second = TestRecords.Certificate("alice@example.org");

        await Store.SaveCertificateAsync(first);
        await Store.SaveCertificateAsync(second);

        Assert.Equal(second.Id, (await Store.GetActiveCertificateAsync("alice@example.org"))?.Id);
        Assert.Equal(CertificateStatus.Superseded, (await Store.GetCertificateAsync(first.Id))?.Status);
    }

    [Fact]
    public async Task CompleteIssuanceAsync_Renewal_SupersedesPreviousAndMarksOrderIssued()
    {
        var previous = TestRecords.Certificate("alice@example.org");
        await Store.SaveCertificateAsync(previous);
        var order = TestRecords.Order("alice@example.org");
        Assert.True(await Store.TryOpenOrderAsync(order));
        var submitted = order with { State = OrderState.Submitted, ProviderOrderId = "ca-42" };
        await Store.UpdateOrderAsync(submitted);
        var issued = TestRecords.Certificate("alice@example.org") with { KeyId = order.KeyId, ProviderOrderId = null };

        await Store.CompleteIssuanceAsync(submitted with { State = OrderState.Issued, UpdatedAt = TestRecords.Now.AddMinutes(2) }, issued);

        var active = await Store.GetActiveCertificateAsync("alice@example.org");
        Assert.Equal(issued.Id, active?.Id);
        Assert.Equal(order.Id, active?.OrderId);
        Assert.Equal("ca-42", active?.ProviderOrderId);
        Assert.Equal(CertificateStatus.Superseded, (await Store.GetCertificateAsync(previous.Id))?.Status);
        var stored = await Store.GetOrderAsync(order.Id);
        Assert.Equal(OrderState.Issued, stored?.State);
        Assert.Equal(TestRecords.Now.AddMinutes(2), stored?.UpdatedAt);
        Assert.Null(await Store.GetOpenOrderAsync("alice@example.org"));
    }

    [Fact]
    public async Task CompleteIssuanceAsync_SameCertificateTwice_StoresItOnce()
    {
        var order = TestRecords.Order("alice@example.org");
        Assert.True(await Store.TryOpenOrderAsync(order));
        var issued = TestRecords.Certificate("alice@example.org");
        var other = await OpenAsync();

        await Store.CompleteIssuanceAsync(order with { State = OrderState.Issued }, issued);
        await other.CompleteIssuanceAsync(order with { State = OrderState.Issued }, issued with { Id = Guid.NewGuid().ToString() });

        var all = await Store.ListCertificatesAsync(new CertificateQuery { Address = "alice@example.org" });
        var only = Assert.Single(all);
        Assert.Equal(issued.Id, only.Id);
        Assert.Equal(CertificateStatus.Active, only.Status);
        Assert.Equal(OrderState.Issued, (await Store.GetOrderAsync(order.Id))?.State);
    }

    [Fact]
    public async Task CompleteIssuanceAsync_UnknownOrder_ThrowsAndStoresNothing()
    {
        var issued = TestRecords.Certificate("alice@example.org");

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Store.CompleteIssuanceAsync(TestRecords.Order("alice@example.org", state: OrderState.Issued), issued));

        Assert.Null(await Store.GetCertificateAsync(issued.Id));
    }

    [Fact]
    public async Task ListCertificatesAsync_Filters_SelectTheMatchingCertificates()
    {
        var aliceOld = TestRecords.Certificate("alice@example.org", notAfter: TestRecords.Now.AddDays(10));
        var aliceNew = TestRecords.Certificate("alice@example.org", notAfter: TestRecords.Now.AddDays(400)) with { NotBefore = TestRecords.Now };
        var bob = TestRecords.Certificate("bob@example.org", notAfter: TestRecords.Now.AddDays(20), serial: "0A1B2C", provider: "sectigo");
        var carol = TestRecords.Certificate("carol@example.org", notAfter: TestRecords.Now.AddDays(300), status: CertificateStatus.Revoked);
        foreach (var c in new[] { aliceOld, aliceNew, bob, carol })
        {
            await Store.SaveCertificateAsync(c);
        }

        async Task<string[]> Ids(CertificateQuery q) => (await Store.ListCertificatesAsync(q)).Select(c => c.Id).ToArray();

        Assert.Equal([aliceNew.Id, aliceOld.Id, bob.Id, carol.Id], await Ids(new CertificateQuery()));
        Assert.Equal([aliceNew.Id, bob.Id], await Ids(new CertificateQuery { Status = CertificateStatus.Active }));
        Assert.Equal([aliceOld.Id], await Ids(new CertificateQuery { Status = CertificateStatus.Superseded }));
        Assert.Equal([aliceOld.Id, bob.Id], await Ids(new CertificateQuery { NotAfterBefore = TestRecords.Now.AddDays(30) }));
        Assert.Equal([bob.Id], await Ids(new CertificateQuery { NotAfterBefore = TestRecords.Now.AddDays(30), Status = CertificateStatus.Active }));
        Assert.Equal([aliceNew.Id, aliceOld.Id], await Ids(new CertificateQuery { Address = "alice@example.org" }));
        Assert.Equal([bob.Id], await Ids(new CertificateQuery { SerialNumber = "0a1b2c" }));
        Assert.Equal([bob.Id], await Ids(new CertificateQuery { ProviderName = "sectigo" }));
        Assert.Empty(await Ids(new CertificateQuery { Address = "nobody@example.org" }));
    }

    [Fact]
    public async Task SetCertificateStatusAsync_Revoked_LeavesNoActive()
    {
        var certificate = TestRecords.Certificate("alice@example.org");
        await Store.SaveCertificateAsync(certificate);

        await Store.SetCertificateStatusAsync(certificate.Id, CertificateStatus.Revoked);

        Assert.Null(await Store.GetActiveCertificateAsync("alice@example.org"));
        Assert.Equal(CertificateStatus.Revoked, (await Store.GetCertificateAsync(certificate.Id))?.Status);
    }

    [Fact]
    public async Task SetCertificateStatusAsync_ReactivateOld_SupersedesCurrent()
    {
        var first = TestRecords.Certificate("alice@example.org");
        var second = TestRecords.Certificate("alice@example.org");
        await Store.SaveCertificateAsync(first);
        await Store.SaveCertificateAsync(second);

        await Store.SetCertificateStatusAsync(first.Id, CertificateStatus.Active);

        Assert.Equal(first.Id, (await Store.GetActiveCertificateAsync("alice@example.org"))?.Id);
        Assert.Equal(CertificateStatus.Superseded, (await Store.GetCertificateAsync(second.Id))?.Status);
    }

    [Fact]
    public async Task SetCertificateStatusAsync_UnknownId_Throws()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.SetCertificateStatusAsync("nope", CertificateStatus.Revoked));
    }

    [Fact]
    public async Task SaveRecipientCertificateAsync_SameThumbprintTwice_UpsertsOneRow()
    {
        byte[] der = [1, 2, 3];
        await Store.SaveRecipientCertificateAsync(new RecipientCertificate("bob@example.net", "AA", der, TestRecords.Now.AddDays(100), TestRecords.Now));
        await Store.SaveRecipientCertificateAsync(new RecipientCertificate("bob@example.net", "AA", der, TestRecords.Now.AddDays(100), TestRecords.Now.AddDays(1)));
        await Store.SaveRecipientCertificateAsync(new RecipientCertificate("bob@example.net", "BB", [4, 5], TestRecords.Now.AddDays(200), TestRecords.Now));
        await Store.SaveRecipientCertificateAsync(new RecipientCertificate("eve@example.net", "CC", [6], TestRecords.Now.AddDays(50), TestRecords.Now));

        var bob = await Store.GetRecipientCertificatesAsync("bob@example.net");

        Assert.Equal(["BB", "AA"], bob.Select(c => c.Thumbprint));
        Assert.Equal(TestRecords.Now.AddDays(1), bob[1].SeenAt);
        Assert.Equal(der, bob[1].Der);
        Assert.Empty(await Store.GetRecipientCertificatesAsync("nobody@example.net"));
    }
}
