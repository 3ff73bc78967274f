using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MpkiConnector.DependencyInjection;
using MpkiConnector.LocalCa;
using MpkiConnector.Storage;

namespace MpkiConnector.Tpm.Tests;

[Collection(TpmCollection.Name)]
public sealed class TpmEnrollmentServiceTests(SwtpmFixture fixture) : IClassFixture<SwtpmFixture>, IDisposable
{
    private readonly LocalCertificateAuthority _ca = LocalCertificateAuthority.Create("TPM Test");
    private readonly DirectoryInfo _install = Directory.CreateTempSubdirectory("mpki-tpm-install-");
    private readonly SqliteStores _stores = new();

    public void Dispose()
    {
        _ca.Dispose();
        _stores.Dispose();
        _install.Delete(recursive: true);
    }

    [Fact]
    public async Task EnrollAsync_ClientCertificate_InstallsCertificateChainAndRootBesideTheKey()
    {
        var provider = new LocalCaMpkiProviderFake(_ca) { PendingCollects = 2 };
        await using var services = Build(provider);
        var enrollment = services.GetRequiredService<TpmEnrollmentService>();

        var installed = await enrollment.EnrollAsync(new TpmEnrollmentRequest("localca", MpkiCertificateKind.Person, "Alice@Example.com"));

        Assert.Equal("alice@example.com", installed.Address);
        Assert.Equal(MpkiKeyAlgorithm.Rsa2048, installed.Algorithm);
        Assert.StartsWith("0x81", installed.KeyReference, StringComparison.Ordinal);
        Assert.True(TpmDevice.TryParseHandle(installed.KeyReference, out var handle));
        Assert.Contains(handle, await fixture.Tpm.GetPersistentHandlesAsync());
        var stored = await services.GetRequiredService<ICertificateStore>().GetCertificateAsync(installed.CertificateId);
        Assert.NotNull(stored);
        Assert.Equal(installed.KeyId, stored.KeyId);
        Assert.Equal(CertificateStatus.Active, stored.Status);

        Assert.NotNull(installed.InstallPath);
        var folder = installed.InstallPath;
        var (exitCode, output) = await TpmTestFactory.RunOpenSslAsync(
            "verify", "-CAfile", Path.Combine(folder, "root.pem"), "-untrusted", Path.Combine(folder, "chain.pem"), Path.Combine(folder, "cert.pem"));
        Assert.True(exitCode == 0, output);
        using var reference = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "key.json")));
        Assert.Equal(installed.KeyReference, reference.RootElement.GetProperty("reference").GetString());
        Assert.Equal("tpm", reference.RootElement.GetProperty("provider").GetString());
        Assert.Contains(installed.CertificateId, (await enrollment.ListAsync()).Select(c => c.CertificateId));
    }

    [Fact]
    public async Task VerifyAsync_ClientAndDeviceCertificates_ReportsTpmKeysNotExportableAndSigning()
    {
        var provider = new LocalCaMpkiProviderFake(_ca);
        await using var services = Build(provider);
        var enrollment = services.GetRequiredService<TpmEnrollmentService>();
        var client = await enrollment.EnrollAsync(new TpmEnrollmentRequest("localca", MpkiCertificateKind.Person, "bob@example.com"));
        var device = await enrollment.EnrollAsync(
            new TpmEnrollmentRequest("localca", MpkiCertificateKind.Device, "laptop-17.example.com") { Algorithm = MpkiKeyAlgorithm.EcdsaP256 });

        var results = await services.GetRequiredService<TpmVerification>().VerifyAsync();

        Assert.Equal(MpkiCertificateKind.Device, device.Kind);
        Assert.Equal(MpkiCertificateKind.Device, provider.Submitted.Single(r => r.Subject == "laptop-17.example.com").Kind);
        foreach (var id in new[] { client.CertificateId, device.CertificateId })
        {
            var result = Assert.Single(results, r => r.Certificate.CertificateId == id);
            Assert.True(result.Passed, result.Problem);
            Assert.True(result.KeyNotExportable);
            Assert.True(result.SignVerifyPassed);
            Assert.StartsWith("tpm 0x81", result.KeyProvider, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task EnrollAsync_CaRejects_ThrowsRejectedAndRemovesTheKey()
    {
        await using var services = Build(new LocalCaMpkiProviderFake(_ca) { RejectWith = "Declined by the administrator" });
        var before = await fixture.Tpm.GetPersistentHandlesAsync();

        var error = await Assert.ThrowsAsync<MpkiException>(() => services.GetRequiredService<TpmEnrollmentService>()
            .EnrollAsync(new TpmEnrollmentRequest("localca", MpkiCertificateKind.Person, "carol@example.com") { Algorithm = MpkiKeyAlgorithm.EcdsaP256 }));

        Assert.Equal(MpkiErrorKind.Rejected, error.Kind);
        Assert.Contains("Declined by the administrator", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await fixture.Tpm.GetPersistentHandlesAsync());
        Assert.Empty(await services.GetRequiredService<IKeyStore>().ListKeysAsync("tpm"));
    }

    [Fact]
    public async Task EnrollAsync_CertificateForAnotherKey_ThrowsRejectedInstallsNothingAndRemovesTheKey()
    {
        await using var services = Build(new LocalCaMpkiProviderFake(_ca) { IssueForOtherKey = true });
        var before = await fixture.Tpm.GetPersistentHandlesAsync();

        var error = await Assert.ThrowsAsync<MpkiException>(() => services.GetRequiredService<TpmEnrollmentService>()
            .EnrollAsync(new TpmEnrollmentRequest("localca", MpkiCertificateKind.Person, "dave@example.com") { Algorithm = MpkiKeyAlgorithm.EcdsaP256 }));

        Assert.Equal(MpkiErrorKind.Rejected, error.Kind);
        Assert.Contains("public key", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await fixture.Tpm.GetPersistentHandlesAsync());
        Assert.Empty(await services.GetRequiredService<ICertificateStore>().ListCertificatesAsync(new CertificateQuery()));
        Assert.Empty(_install.GetDirectories());
    }

    [Fact]
    public async Task EnrollAsync_NeverIssued_ThrowsUnavailableAfterTheCollectTimeoutAndRemovesTheKey()
    {
        await using var services = Build(new LocalCaMpkiProviderFake(_ca) { PendingCollects = int.MaxValue }, o => o.CollectTimeout = TimeSpan.FromMilliseconds(300));
        var before = await fixture.Tpm.GetPersistentHandlesAsync();

        var error = await Assert.ThrowsAsync<MpkiException>(() => services.GetRequiredService<TpmEnrollmentService>()
            .EnrollAsync(new TpmEnrollmentRequest("localca", MpkiCertificateKind.Device, "printer.example.com") { Algorithm = MpkiKeyAlgorithm.EcdsaP256 }));

        Assert.Equal(MpkiErrorKind.Unavailable, error.Kind);
        Assert.Contains("did not issue order", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await fixture.Tpm.GetPersistentHandlesAsync());
    }

    [Fact]
    public async Task EnrollAsync_AlgorithmNotSupported_SubmitsNothingAndCreatesNoKey()
    {
        var provider = new LocalCaMpkiProviderFake(_ca);
        await using var services = Build(provider);
        var before = await fixture.Tpm.GetPersistentHandlesAsync();

        var error = await Assert.ThrowsAsync<MpkiException>(() => services.GetRequiredService<TpmEnrollmentService>()
            .EnrollAsync(new TpmEnrollmentRequest("localca", MpkiCertificateKind.Person, "erin@example.com") { Algorithm = MpkiKeyAlgorithm.Rsa4096 }));

        Assert.Equal(MpkiErrorKind.Configuration, error.Kind);
        Assert.Empty(provider.Submitted);
        Assert.Equal(before, await fixture.Tpm.GetPersistentHandlesAsync());
    }

    [Fact]
    public async Task RemoveAsync_ByAddress_EvictsTheKeyDeletesTheFolderAndUnlists()
    {
        await using var services = Build(new LocalCaMpkiProviderFake(_ca));
        var enrollment = services.GetRequiredService<TpmEnrollmentService>();
        var installed = await enrollment.EnrollAsync(
            new TpmEnrollmentRequest("localca", MpkiCertificateKind.Person, "frank@example.com") { Algorithm = MpkiKeyAlgorithm.EcdsaP256 });
        Assert.True(TpmDevice.TryParseHandle(installed.KeyReference, out var handle));

        var removed = await enrollment.RemoveAsync("frank@example.com");

        Assert.Equal(installed.CertificateId, Assert.Single(removed).CertificateId);
        Assert.DoesNotContain(handle, await fixture.Tpm.GetPersistentHandlesAsync());
        Assert.False(Directory.Exists(installed.InstallPath));
        Assert.DoesNotContain(installed.CertificateId, (await enrollment.ListAsync()).Select(c => c.CertificateId));
        var stored = await services.GetRequiredService<ICertificateStore>().GetCertificateAsync(installed.CertificateId);
        Assert.Equal(CertificateStatus.Superseded, stored!.Status);
    }

    private ServiceProvider Build(IMpkiProvider provider, Action<TpmOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddMpkiConnector()
            .AddSqliteStore(_stores.DatabasePath)
            .AddProvider(provider.Name, (_, _) => provider)
            .AddTpmKeys(o =>
            {
                o.Tcti = fixture.Tpm.Tcti;
                o.InstallDirectory = _install.FullName;
                o.CollectInterval = TimeSpan.FromMilliseconds(20);
                TpmTestFactory.AllowRsa4096(o);
                configure?.Invoke(o);
            });
        return services.BuildServiceProvider();
    }
}
