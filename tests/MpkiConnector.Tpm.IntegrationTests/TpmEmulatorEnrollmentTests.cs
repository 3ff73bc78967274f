using Microsoft.Extensions.DependencyInjection;
using MpkiConnector.DependencyInjection;
using MpkiConnector.Sectigo;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Tpm.Tests;

/// <summary>Issue 5: a client and a device certificate with TPM keys, enrolled against the SCM emulator over real HTTP, installed and verified.</summary>
[Collection(TpmCollection.Name)]
public sealed class TpmEmulatorEnrollmentTests(SwtpmFixture fixture) : IClassFixture<SwtpmFixture>, IAsyncLifetime
{
    private readonly DirectoryInfo _install = Directory.CreateTempSubdirectory("mpki-tpm-emulator-install-");
    private readonly SqliteStores _stores = new();
    private RunningEmulator? _emulator;

    private RunningEmulator Emulator => _emulator ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        _emulator = await RunningEmulator.StartAsync();
        Emulator.Behavior.IssueAfterCollects = 1; // the first collect is pending: the issuance service polls
    }

    public async Task DisposeAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }

        _stores.Dispose();
        _install.Delete(recursive: true);
    }

    [Fact]
    public async Task EnrollAsync_ClientAndDeviceAgainstEmulator_InstalledAndVerified()
    {
        await using var services = Build();
        var enrollment = services.GetRequiredService<TpmEnrollmentService>();

        var client = TpmTestFactory.Installed(await enrollment.EnrollAsync(
            new TpmEnrollmentRequest("emulator", MpkiCertificateKind.Person, "Grace@Example.com") { DisplayName = "Grace Hopper" }));
        var device = TpmTestFactory.Installed(await enrollment.EnrollAsync(
            new TpmEnrollmentRequest("emulator", MpkiCertificateKind.Device, "kiosk-3.example.com") { Algorithm = MpkiKeyAlgorithm.EcdsaP256 }));

        Assert.Equal("grace@example.com", client.Address);
        Assert.Equal("kiosk-3.example.com", device.Address);
        var orders = await Emulator.Emulator.GetOrdersAsync(Emulator.CustomerUri);
        Assert.Equal(["device", "smime"], orders.Select(o => o.Kind).Order(StringComparer.Ordinal));
        Assert.All(orders, o => Assert.True(o.CollectCount >= 2, $"order {o.Id} collected {o.CollectCount} time(s): the pending answer was not polled again"));
        var rootPath = Path.Combine(_install.FullName, "emulator-root.pem");
        await File.WriteAllTextAsync(rootPath, Emulator.Emulator.RootCertificate.ExportCertificatePem());

        Assert.NotNull(client.InstallPath);
        var (exitCode, output) = await OpenSslRunner.RunAsync(
            "verify", "-purpose", "smimesign", "-CAfile", rootPath,
            "-untrusted", Path.Combine(client.InstallPath, "chain.pem"), Path.Combine(client.InstallPath, "cert.pem"));
        Assert.True(exitCode == 0, output);
        (exitCode, output) = await OpenSslRunner.RunAsync("x509", "-noout", "-ext", "subjectAltName", "-in", Path.Combine(client.InstallPath, "cert.pem"));
        Assert.True(exitCode == 0, output);
        Assert.True(output.Contains("email:grace@example.com", StringComparison.Ordinal), output);

        Assert.NotNull(device.InstallPath);
        (exitCode, output) = await OpenSslRunner.RunAsync(
            "verify", "-purpose", "sslclient", "-CAfile", rootPath,
            "-untrusted", Path.Combine(device.InstallPath, "chain.pem"), Path.Combine(device.InstallPath, "cert.pem"));
        Assert.True(exitCode == 0, output);
        (exitCode, output) = await OpenSslRunner.RunAsync("x509", "-noout", "-ext", "subjectAltName", "-in", Path.Combine(device.InstallPath, "cert.pem"));
        Assert.True(exitCode == 0, output);
        Assert.True(output.Contains("DNS:kiosk-3.example.com", StringComparison.Ordinal), output);

        var results = await services.GetRequiredService<TpmVerification>().VerifyAsync();

        foreach (var installed in new[] { client, device })
        {
            Assert.True(File.Exists(Path.Combine(installed.InstallPath!, "key.json")));
            Assert.True(TpmDevice.TryParseHandle(installed.KeyReference, out var handle));
            Assert.Contains(handle, await fixture.Tpm.GetPersistentHandlesAsync());
            var result = Assert.Single(results, r => r.Certificate.CertificateId == installed.CertificateId);
            Assert.True(result.Passed, result.Problem);
            Assert.True(result.KeyNotExportable);
            Assert.True(result.SignVerifyPassed);
            Assert.StartsWith("tpm 0x81", result.KeyProvider, StringComparison.Ordinal);
        }
    }

    private ServiceProvider Build()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMpkiConnector()
            .AddSqliteStore(_stores.DatabasePath)
            .ConfigureKeys(o => o.KeyEncryptionKey = MpkiConnector.KeyEncryptionKey.Generate())
            .ConfigureIssuance(o =>
            {
                o.PollInterval = TimeSpan.FromMilliseconds(50);
                o.MaxWait = TimeSpan.FromSeconds(30);
            })
            .AddSectigo("emulator", o =>
            {
                o.BaseUrl = Emulator.BaseAddress;
                o.CustomerUri = RunningEmulator.DefaultCustomerUri;
                o.Login = RunningEmulator.DefaultLogin;
                o.Password = RunningEmulator.DefaultPassword;
                o.OrganizationId = RunningEmulator.DefaultOrganizationId.ToString(System.Globalization.CultureInfo.InvariantCulture);
                o.CertificateType = RunningEmulator.DefaultProfileId.ToString(System.Globalization.CultureInfo.InvariantCulture);
                o.DeviceCertificateType = RunningEmulator.DeviceProfileId.ToString(System.Globalization.CultureInfo.InvariantCulture);
                o.TermDays = 365;
                o.RetryBaseDelay = TimeSpan.FromMilliseconds(20);
            })
            .AddTpmKeys(o =>
            {
                o.Tcti = fixture.Tpm.Tcti;
                o.InstallDirectory = _install.FullName;
            });
        return services.BuildServiceProvider();
    }
}
