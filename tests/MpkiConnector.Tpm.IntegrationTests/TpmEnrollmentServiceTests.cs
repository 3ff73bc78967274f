using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using MpkiConnector.Issuance;
using MpkiConnector.LocalCa;
using MpkiConnector.Storage;
using MpkiConnector.Testing;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Tpm.Tests;

[Collection(TpmCollection.Name)]
public sealed class TpmEnrollmentServiceTests(SwtpmFixture fixture) : IClassFixture<SwtpmFixture>, IDisposable
{
    private const string ProviderName = "fake";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly TempDirectory _folder = new("mpki-tpm-enroll");
    private FakeMpkiProvider? _ca;

    private FakeMpkiProvider Ca => _ca ??= new FakeMpkiProvider(ProviderName, time: _time);

    private string InstallDirectory => _folder.Combine("installed");

    public void Dispose()
    {
        _ca?.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task EnrollAsync_ClientCertificate_InstallsCertificateChainAndRootBesideTheJournaledKey()
    {
        await using var process = Start();

        var installed = TpmTestFactory.Installed(await process.Enrollment.EnrollAsync(new TpmEnrollmentRequest(ProviderName, MpkiCertificateKind.Person, "Alice@Example.com")));

        Assert.Equal("alice@example.com", installed.Address);
        Assert.Equal(MpkiKeyAlgorithm.Rsa2048, installed.Algorithm);
        Assert.True(TpmDevice.TryParseHandle(installed.KeyReference, out var handle));
        Assert.Contains(handle, await fixture.Tpm.GetPersistentHandlesAsync());
        var order = Assert.Single(await process.Store.ListOrdersAsync("alice@example.com"));
        Assert.Equal(OrderState.Issued, order.State);
        Assert.Equal(installed.KeyId, order.KeyId);
        var stored = await process.Store.GetCertificateAsync(installed.CertificateId);
        Assert.Equal(CertificateStatus.Active, stored!.Status);
        Assert.Equal(installed.KeyId, stored.KeyId);

        var folder = installed.InstallPath!;
        var (exitCode, output) = await OpenSslRunner.RunAsync(
            "verify", "-attime", _time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            "-CAfile", Path.Combine(folder, "root.pem"), "-untrusted", Path.Combine(folder, "chain.pem"), Path.Combine(folder, "cert.pem"));
        Assert.True(exitCode == 0, output);
        using var reference = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "key.json")));
        Assert.Equal(installed.KeyReference, reference.RootElement.GetProperty("reference").GetString());
        Assert.Equal("tpm", reference.RootElement.GetProperty("provider").GetString());
        Assert.Contains(installed.CertificateId, (await process.Enrollment.ListAsync()).Select(c => c.CertificateId));

        var again = TpmTestFactory.Installed(await process.Enrollment.EnrollAsync(new TpmEnrollmentRequest(ProviderName, MpkiCertificateKind.Person, "alice@example.com")));

        Assert.Equal(installed.CertificateId, again.CertificateId);
        Assert.Equal(1, Ca.OrderCount);
    }

    [Fact]
    public async Task VerifyAsync_ClientAndDeviceCertificates_ReportsTpmKeysNotExportableAndSigning()
    {
        await using var process = Start();
        var client = TpmTestFactory.Installed(await process.Enrollment.EnrollAsync(new TpmEnrollmentRequest(ProviderName, MpkiCertificateKind.Person, "bob@example.com")));
        var device = TpmTestFactory.Installed(await process.Enrollment.EnrollAsync(
            new TpmEnrollmentRequest(ProviderName, MpkiCertificateKind.Device, "laptop-17.example.com") { Algorithm = MpkiKeyAlgorithm.EcdsaP256 }));

        var results = await process.Verification.VerifyAsync();

        Assert.Equal(MpkiCertificateKind.Device, device.Kind);
        Assert.Equal(MpkiCertificateKind.Device, Ca.Orders.Single(o => o.Request.Subject == "laptop-17.example.com").Request.Kind);
        foreach (var id in new[] { client.CertificateId, device.CertificateId })
        {
            var result = Assert.Single(results, r => r.Certificate.CertificateId == id);
            Assert.True(result.Passed, result.Problem);
            Assert.True(result.KeyNotExportable);
            Assert.True(result.SignVerifyPassed);
            Assert.StartsWith("tpm 0x81", result.KeyProvider, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EnrollAsync_NotIssuedWithinTheWaitOrTransientError_PendingKeepsTheKeyAndTheNextCallInstallsIt(bool transientError)
    {
        Ca.Options.PendingCount = transientError ? 0 : 1;
        Ca.Options.CollectFailureCount = transientError ? 1 : 0;
        await using var process = Start();
        var request = new TpmEnrollmentRequest(ProviderName, MpkiCertificateKind.Device, "printer.example.com") { Algorithm = MpkiKeyAlgorithm.EcdsaP256 };

        var pending = Assert.IsType<TpmEnrollmentResult.Pending>(await process.Enrollment.EnrollAsync(request));

        Assert.True(TpmDevice.TryParseHandle(pending.KeyReference, out var handle));
        Assert.Contains(handle, await fixture.Tpm.GetPersistentHandlesAsync());
        Assert.Equal(pending.OrderId, (await process.Store.GetOpenOrderAsync("printer.example.com"))!.Id);

        _time.Advance(TimeSpan.FromMinutes(1));
        var installed = TpmTestFactory.Installed(await process.Enrollment.EnrollAsync(request));

        Assert.Equal(pending.KeyReference, installed.KeyReference);
        Assert.Equal(1, Ca.OrderCount);
        Assert.True(Directory.Exists(installed.InstallPath));
    }

    [Fact]
    public async Task ResumeAsync_PendingOrder_CompletesAndInstallsWithTheSameKey()
    {
        Ca.Options.PendingCount = 1;
        await using var process = Start();
        var pending = Assert.IsType<TpmEnrollmentResult.Pending>(
            await process.Enrollment.EnrollAsync(new TpmEnrollmentRequest(ProviderName, MpkiCertificateKind.Person, "heidi@example.com") { Algorithm = MpkiKeyAlgorithm.EcdsaP256 }));

        _time.Advance(TimeSpan.FromMinutes(1));
        var resumed = await process.Enrollment.ResumeAsync();

        var installed = TpmTestFactory.Installed(Assert.Single(resumed));
        Assert.Equal(pending.KeyReference, installed.KeyReference);
        Assert.Equal(1, Ca.OrderCount);
        Assert.Empty(await process.Enrollment.ResumeAsync());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EnrollAsync_CaRejectsOrAnswerFailsValidation_FailedAndTheKeyLeavesTheTpm(bool wrongCertificate)
    {
        Ca.Options.Reject = !wrongCertificate;
        Ca.Options.RejectReason = "Declined by the administrator";
        Ca.Options.WrongCertificate = wrongCertificate ? FakeWrongCertificate.OtherKey : FakeWrongCertificate.None;
        await using var process = Start();
        var before = await fixture.Tpm.GetPersistentHandlesAsync();

        var failed = Assert.IsType<TpmEnrollmentResult.Failed>(await process.Enrollment.EnrollAsync(
            new TpmEnrollmentRequest(ProviderName, MpkiCertificateKind.Person, "carol@example.com") { Algorithm = MpkiKeyAlgorithm.EcdsaP256 }));

        Assert.Equal(MpkiErrorKind.Rejected, failed.Kind);
        Assert.Contains(wrongCertificate ? "public key" : "Declined by the administrator", failed.Reason, StringComparison.Ordinal);
        Assert.Equal(before, await fixture.Tpm.GetPersistentHandlesAsync());
        Assert.Empty(await process.Store.ListKeysAsync("tpm"));
        Assert.Empty(await process.Store.ListCertificatesAsync(new CertificateQuery()));
        Assert.False(Directory.Exists(InstallDirectory));
    }

    [Fact]
    public async Task EnrollAsync_ChainDoesNotLeadToTheReturnedRoot_FailedNothingInstalledAndTheKeyLeavesTheTpm()
    {
        using var other = LocalCertificateAuthority.Create("Other Root", _time);
        await using var process = new TpmProcess(_folder.File("mpki.db"), fixture.Tpm, new OtherRootProviderFake(Ca, other), _time, InstallDirectory);
        var before = await fixture.Tpm.GetPersistentHandlesAsync();

        var failed = Assert.IsType<TpmEnrollmentResult.Failed>(await process.Enrollment.EnrollAsync(
            new TpmEnrollmentRequest(ProviderName, MpkiCertificateKind.Person, "ivan@example.com") { Algorithm = MpkiKeyAlgorithm.EcdsaP256 }));

        Assert.Equal(MpkiErrorKind.Rejected, failed.Kind);
        Assert.Contains("chain", failed.Reason, StringComparison.Ordinal);
        Assert.Null(await process.Store.GetActiveCertificateAsync("ivan@example.com"));
        Assert.Empty(await process.Enrollment.ListAsync());
        Assert.Equal(before, await fixture.Tpm.GetPersistentHandlesAsync());
        Assert.False(Directory.Exists(InstallDirectory));
    }

    [Fact]
    public async Task EnrollAsync_AlgorithmNotSupported_FailedWithoutOrderOrKey()
    {
        await using var process = Start();
        var before = await fixture.Tpm.GetPersistentHandlesAsync();

        var failed = Assert.IsType<TpmEnrollmentResult.Failed>(await process.Enrollment.EnrollAsync(
            new TpmEnrollmentRequest(ProviderName, MpkiCertificateKind.Person, "erin@example.com") { Algorithm = MpkiKeyAlgorithm.Rsa4096 }));

        Assert.Equal(MpkiErrorKind.Configuration, failed.Kind);
        Assert.Equal(0, Ca.SubmitCalls);
        Assert.Empty(await process.Store.ListOrdersAsync("erin@example.com"));
        Assert.Equal(before, await fixture.Tpm.GetPersistentHandlesAsync());
    }

    [Fact]
    public async Task EnrollAsync_AddressHasASoftwareKeyCertificate_OrdersATpmCertificateThatReplacesIt()
    {
        await using var process = Start();
        var software = Assert.IsType<IssuanceResult.Issued>(await process.Issuance.IssueAsync(
            new IssuanceRequest("grace@example.com", ProviderName) { KeyAlgorithm = MpkiKeyAlgorithm.EcdsaP256 }));

        var installed = TpmTestFactory.Installed(await process.Enrollment.EnrollAsync(
            new TpmEnrollmentRequest(ProviderName, MpkiCertificateKind.Person, "grace@example.com") { Algorithm = MpkiKeyAlgorithm.EcdsaP256 }));

        Assert.NotEqual(software.Certificate.Id, installed.CertificateId);
        Assert.Equal(2, Ca.OrderCount);
        Assert.Equal(installed.CertificateId, (await process.Store.GetActiveCertificateAsync("grace@example.com"))!.Id);
    }

    [Fact]
    public async Task RemoveAsync_ByAddress_EvictsTheKeyDeletesTheFolderAndUnlists()
    {
        await using var process = Start();
        var installed = TpmTestFactory.Installed(await process.Enrollment.EnrollAsync(
            new TpmEnrollmentRequest(ProviderName, MpkiCertificateKind.Person, "frank@example.com") { Algorithm = MpkiKeyAlgorithm.EcdsaP256 }));
        Assert.True(TpmDevice.TryParseHandle(installed.KeyReference, out var handle));

        var removed = await process.Enrollment.RemoveAsync("frank@example.com");

        Assert.Equal(installed.CertificateId, Assert.Single(removed).CertificateId);
        Assert.DoesNotContain(handle, await fixture.Tpm.GetPersistentHandlesAsync());
        Assert.False(Directory.Exists(installed.InstallPath));
        Assert.DoesNotContain(installed.CertificateId, (await process.Enrollment.ListAsync()).Select(c => c.CertificateId));
        var stored = await process.Store.GetCertificateAsync(installed.CertificateId);
        Assert.Equal(CertificateStatus.Superseded, stored!.Status);
    }

    private TpmProcess Start() => new(_folder.File("mpki.db"), fixture.Tpm, Ca, _time, InstallDirectory);
}
