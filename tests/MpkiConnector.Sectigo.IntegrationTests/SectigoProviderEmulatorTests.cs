using MpkiConnector.TestUtils;

namespace MpkiConnector.Sectigo.Tests;

/// <summary>The provider against the emulator with Password authentication; subclasses run the same tests in the other modes.</summary>
public class SectigoProviderEmulatorTests : SectigoEmulatorTestBase
{
    [Fact]
    public async Task DiscoverAsync_DefaultAccount_OrganizationsTypesTermsAndKeyTypes()
    {
        using var services = Services();
        var account = await services.Provider().DiscoverAsync();
        var organization = Assert.Single(account.Organizations);
        Assert.Equal("1001", organization.Id);
        Assert.Equal("1101", Assert.Single(organization.Departments).Id);
        var smime = Assert.Single(account.CertificateTypes, t => t.Id == "2001");
        Assert.Equal("Emulator S/MIME", smime.Name);
        Assert.Equal([365, 730], smime.TermsDays);
        Assert.Contains("2048", smime.KeyTypes["RSA"]);
        Assert.Contains("P256", smime.KeyTypes["EC"]);
        Assert.Contains(account.CustomFields, f => f.Name == "Department" && !f.Mandatory);
    }

    [Fact]
    public async Task GetDiscoveryReportAsync_Configured_ResolvesOrganizationTypeAndTerm()
    {
        using var services = Services();
        var report = await services.Provider().GetDiscoveryReportAsync();
        Assert.Empty(report.Problems);
        Assert.Equal("1001", report.OrganizationId);
        Assert.Equal("2001", report.CertificateTypeId);
        Assert.Equal(365, report.TermDays);
        Assert.Equal("operator", report.Login);
    }

    [Fact]
    public async Task GetDiscoveryReportAsync_NoTypeConfigured_ProblemListsOfferedTypes()
    {
        using var services = Services(o => o.CertificateType = null);
        var report = await services.Provider().GetDiscoveryReportAsync();
        var problem = Assert.Single(report.Problems);
        Assert.Contains("CertificateType", problem, StringComparison.Ordinal);
        Assert.Contains("2001 'Emulator S/MIME'", problem, StringComparison.Ordinal);
        Assert.Contains("2002 'Emulator Personal (HIGH)'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitAsync_UnknownTypeName_RefusedWithOfferedTypesBeforeAnyOrder()
    {
        using var services = Services(o => o.CertificateType = "GEANT Personal");
        var (key, csr) = TestCsr.Create("jane@example.com");
        using (key)
        {
            var error = await Assert.ThrowsAsync<MpkiException>(() => services.Provider().SubmitAsync(Request("jane@example.com", csr)));
            Assert.Equal(MpkiErrorKind.Configuration, error.Kind);
            Assert.Contains("CertificateType 'GEANT Personal'", error.Message, StringComparison.Ordinal);
            Assert.Contains("2001 'Emulator S/MIME' with terms 365, 730", error.Message, StringComparison.Ordinal);
            Assert.NotNull(error.Remediation);
        }

        Assert.Equal(0, await OrderCountAsync());
    }

    [Fact]
    public async Task SubmitAsync_TermNotOffered_RefusedWithOfferedTermsBeforeAnyOrder()
    {
        using var services = Services(o => o.TermDays = 1095);
        var (key, csr) = TestCsr.Create("jane@example.com");
        using (key)
        {
            var error = await Assert.ThrowsAsync<MpkiException>(() => services.Provider().SubmitAsync(Request("jane@example.com", csr)));
            Assert.Equal(MpkiErrorKind.Configuration, error.Kind);
            Assert.Contains("TermDays 1095", error.Message, StringComparison.Ordinal);
            Assert.Contains("365, 730 days", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(0, await OrderCountAsync());
    }

    [Fact]
    public async Task SubmitAsync_ThenCollect_PendingTwiceThenIssuedAndValid()
    {
        Emulator.Behavior.IssueAfterCollects = 2;
        using var services = Services();
        var provider = services.Provider();
        var (key, csr) = TestCsr.Create("jane.doe@example.com");
        using (key)
        {
            var request = Request("jane.doe@example.com", csr);
            var order = await provider.SubmitAsync(request);
            Assert.Equal(request.CorrelationId, order.CorrelationId);
            var stored = await Emulator.Emulator.GetOrderAsync(Emulator.CustomerUri, long.Parse(order.OrderId, System.Globalization.CultureInfo.InvariantCulture));
            Assert.NotNull(stored);
            Assert.Contains(SectigoMpkiProvider.CorrelationMarker(request.CorrelationId), stored.Comments, StringComparison.Ordinal);

            Assert.IsType<MpkiCollectResult.Pending>(await provider.CollectAsync(order));
            Assert.IsType<MpkiCollectResult.Pending>(await provider.CollectAsync(order));
            var issued = Assert.IsType<MpkiCollectResult.Issued>(await provider.CollectAsync(order));
            Assert.Equal(2, issued.ChainDer.Count);
            Assert.Equal(Emulator.Emulator.IssuingCertificate.RawData, issued.ChainDer[0]);
            var validated = new CertificateValidator(TimeProvider.System).Validate(issued, csr, MpkiCertificateKind.Person, "jane.doe@example.com");
            Assert.NotNull(validated);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-183)]
    [InlineData(-1400)]
    [InlineData(-109)]
    [InlineData(-103)]
    public async Task CollectAsync_EachNotReadyCode_Pending(int code)
    {
        Emulator.Behavior.IssueAfterCollects = 1;
        Emulator.Behavior.PendingCode = code;
        using var services = Services();
        var provider = services.Provider();
        var (key, csr) = TestCsr.Create("jane@example.com");
        using (key)
        {
            var order = await provider.SubmitAsync(Request("jane@example.com", csr));
            var pending = Assert.IsType<MpkiCollectResult.Pending>(await provider.CollectAsync(order));
            Assert.StartsWith(code.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":", pending.Status, StringComparison.Ordinal);
            Assert.IsType<MpkiCollectResult.Issued>(await provider.CollectAsync(order));
        }
    }

    [Theory]
    [InlineData(-110)]
    [InlineData(-192)]
    public async Task CollectAsync_RevokedOrder_Rejected(int code)
    {
        Emulator.Behavior.RevokedCode = code;
        using var services = Services();
        var provider = services.Provider();
        var (key, csr) = TestCsr.Create("jane@example.com");
        using (key)
        {
            var order = await provider.SubmitAsync(Request("jane@example.com", csr));
            await CollectUntilIssuedAsync(provider, order);
            await provider.RevokeAsync(MpkiRevocationRequest.ByOrder(order.OrderId, MpkiRevocationReason.KeyCompromise));
            var rejected = Assert.IsType<MpkiCollectResult.Rejected>(await provider.CollectAsync(order));
            Assert.Equal(code.ToString(System.Globalization.CultureInfo.InvariantCulture), rejected.VendorCode);
        }
    }

    [Theory]
    [InlineData("order")]
    [InlineData("serial-colon")]
    [InlineData("serial-plain")]
    [InlineData("email")]
    public async Task RevokeAsync_EachWay_OrderRevokedWithReason(string way)
    {
        using var services = Services();
        var provider = services.Provider();
        var (key, csr) = TestCsr.Create("rev@example.com");
        using (key)
        {
            var order = await provider.SubmitAsync(Request("rev@example.com", csr));
            var issued = await CollectUntilIssuedAsync(provider, order);
            using var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(issued.CertificateDer);
            var serial = certificate.SerialNumber;
            var request = way switch
            {
                "order" => MpkiRevocationRequest.ByOrder(order.OrderId, MpkiRevocationReason.Superseded, "replaced"),
                "serial-colon" => MpkiRevocationRequest.BySerial(string.Join(':', serial.Chunk(2).Select(c => new string(c))).ToLowerInvariant(), MpkiRevocationReason.Superseded),
                "serial-plain" => MpkiRevocationRequest.BySerial(serial, MpkiRevocationReason.Superseded),
                _ => MpkiRevocationRequest.ByEmail("rev@example.com", MpkiRevocationReason.Superseded),
            };
            await provider.RevokeAsync(request);
            var stored = await Emulator.Emulator.GetOrderAsync(Emulator.CustomerUri, long.Parse(order.OrderId, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal("revoked", stored!.State);
            Assert.Equal(4, stored.ReasonCode);
        }
    }

    [Fact]
    public async Task RenewAsync_IssuedOrder_NewOrderThatIssues()
    {
        using var services = Services();
        var provider = services.Provider();
        var (key, csr) = TestCsr.Create("renew@example.com");
        using (key)
        {
            var order = await provider.SubmitAsync(Request("renew@example.com", csr));
            await CollectUntilIssuedAsync(provider, order);
            var renewed = await provider.RenewAsync(order.OrderId, "renewal-1");
            Assert.NotEqual(order.OrderId, renewed.OrderId);
            Assert.Equal("renewal-1", renewed.CorrelationId);
            var issued = await CollectUntilIssuedAsync(provider, renewed);
            new CertificateValidator(TimeProvider.System).Validate(issued, csr, MpkiCertificateKind.Person, "renew@example.com");
        }
    }

    [Fact]
    public async Task ListCertificatesAsync_MoreThanOnePage_EveryItemAndTotal()
    {
        using var services = Services();
        var provider = services.Provider();
        var (key, csr) = TestCsr.Create("list@example.com");
        using (key)
        {
            for (var i = 0; i < 7; i++)
            {
                await provider.SubmitAsync(Request($"list{i}@example.com", csr));
            }
        }

        var query = new SectigoCertificateQuery { PageSize = 3 };
        var first = await provider.ListCertificatesPageAsync(query, 0);
        Assert.Equal(3, first.Items.Count);
        Assert.Equal(7, first.TotalCount);
        var all = new List<SectigoCertificateSummary>();
        await foreach (var item in provider.ListCertificatesAsync(query))
        {
            all.Add(item);
        }

        Assert.Equal(7, all.Select(i => i.BackendCertId).Distinct().Count());
        Assert.All(all, i => Assert.Contains("[mpki-correlation:", i.Comments, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SubmitAsync_HighValidationProfileWithPersonRecords_Issues()
    {
        using var services = Services(o =>
        {
            o.CertificateType = "2002";
            o.ManagePersonRecords = true;
            o.PersonValidationType = SectigoPersonValidationType.High;
        });
        var provider = services.Provider();
        var (key, csr) = TestCsr.Create("high@example.com");
        using (key)
        {
            var order = await provider.SubmitAsync(Request("high@example.com", csr));
            await CollectUntilIssuedAsync(provider, order);
        }
    }

    [Fact]
    public async Task SubmitAsync_HighValidationProfileWithoutPersonRecords_ConfigurationWithRemediation()
    {
        using var services = Services(o => o.CertificateType = "Emulator Personal (HIGH)");
        var (key, csr) = TestCsr.Create("high@example.com");
        using (key)
        {
            var error = await Assert.ThrowsAsync<MpkiException>(() => services.Provider().SubmitAsync(Request("high@example.com", csr)));
            Assert.Equal(MpkiErrorKind.Configuration, error.Kind);
            Assert.Contains("PersonValidationType", error.Remediation, StringComparison.Ordinal);
        }

        Assert.Equal(0, await OrderCountAsync());
    }

    [Fact]
    public async Task SubmitAsync_DeviceKind_IssuedThroughDeviceEndpoint()
    {
        using var services = Services(o => o.DeviceCertificateType = "Emulator Device");
        var provider = services.Provider();
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var csr = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=host1.example.com", key, System.Security.Cryptography.HashAlgorithmName.SHA256).CreateSigningRequestPem();
        var order = await provider.SubmitAsync(new MpkiEnrollmentRequest("dev-1", csr, MpkiCertificateKind.Device, "host1.example.com"));
        Assert.Equal(MpkiCertificateKind.Device, order.Kind);
        var stored = Assert.Single(await Emulator.Emulator.GetOrdersAsync(Emulator.CustomerUri));
        Assert.Equal(stored.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), order.OrderId);

        // The journal keeps the id and the kind apart; the kind alone picks the device endpoint.
        var issued = await CollectUntilIssuedAsync(provider, new MpkiOrder(order.OrderId, "dev-1", MpkiCertificateKind.Device));
        Assert.Contains(Emulator.Emulator.Requests, r => r.Path.Contains("/api/device/v1/collect/", StringComparison.Ordinal));
        Assert.DoesNotContain(Emulator.Emulator.Requests, r => r.Path.Contains("/api/smime/", StringComparison.Ordinal) && r.Path.Contains("/collect/", StringComparison.Ordinal));
        using var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(issued.CertificateDer);
        Assert.Contains("host1.example.com", certificate.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitAsync_NoDisplayName_NamesFromLocalPart()
    {
        using var services = Services();
        var (key, csr) = TestCsr.Create("john.smith@example.com");
        using (key)
        {
            var order = await services.Provider().SubmitAsync(Request("john.smith@example.com", csr, displayName: null));
            var issued = await CollectUntilIssuedAsync(services.Provider(), order);
            using var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(issued.CertificateDer);
            Assert.Contains("john smith", certificate.Subject, StringComparison.Ordinal);
        }
    }

    internal static async Task<MpkiCollectResult.Issued> CollectUntilIssuedAsync(IMpkiProvider provider, MpkiOrder order)
    {
        for (var i = 0; i < 10; i++)
        {
            var result = await provider.CollectAsync(order);
            if (result is MpkiCollectResult.Issued issued)
            {
                return issued;
            }

            Assert.IsType<MpkiCollectResult.Pending>(result);
        }

        throw new Xunit.Sdk.XunitException($"order {order.OrderId} was not issued after 10 collects");
    }
}
