using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Time.Testing;
using MpkiConnector.Storage;
using MpkiConnector.Testing;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Tpm.Tests;

/// <summary>A TPM enrollment killed after each journaled step: a new process over the same SQLite file and TPM finishes it.</summary>
[Collection(TpmCollection.Name)]
public sealed class TpmCrashResumptionTests(SwtpmFixture fixture) : IClassFixture<SwtpmFixture>, IDisposable
{
    private const string Address = "carol@example.org";
    private readonly TempDirectory _folder = new("mpki-tpm-crash");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _folder.Dispose();

    [Theory]
    [MemberData(nameof(CrashPoints.EveryStep), MemberType = typeof(CrashPoints))]
    public async Task EnrollAsync_CrashAfterEachStep_NewProcessInstallsWithTheJournaledTpmKeyAndOneOrder(CrashPoint crash)
    {
        using var ca = new FakeMpkiProvider("fake", time: _time);
        var database = _folder.File("crash.db");
        var install = _folder.Combine("installed");
        var request = new TpmEnrollmentRequest(ca.Name, MpkiCertificateKind.Person, Address) { Algorithm = MpkiKeyAlgorithm.EcdsaP256 };
        string? journaledKeyId;
        await using (var crashing = new TpmProcess(database, fixture.Tpm, ca, _time, install, crash))
        {
            await Assert.ThrowsAsync<SimulatedCrashException>(() => crashing.Enrollment.EnrollAsync(request));
            journaledKeyId = (await crashing.Store.ListOrdersAsync(Address)).SingleOrDefault()?.KeyId;
        }

        _time.Advance(TimeSpan.FromMinutes(5)); // the process restarts after the intent lease
        await using var restarted = new TpmProcess(database, fixture.Tpm, ca, _time, install);
        var resumed = await restarted.Enrollment.ResumeAsync();
        var installed = TpmTestFactory.Installed(await restarted.Enrollment.EnrollAsync(request));

        Assert.Equal(1, ca.OrderCount);
        if (crash == CrashPoint.AfterKeySaved)
        {
            Assert.Null(journaledKeyId); // no order was journaled: the next enrollment starts one with a new key
            Assert.Empty(resumed);
        }
        else
        {
            Assert.Equal(journaledKeyId, installed.KeyId);
            Assert.Equal(installed.CertificateId, TpmTestFactory.Installed(Assert.Single(resumed)).CertificateId);
        }

        var order = Assert.Single(await restarted.Store.ListOrdersAsync(Address));
        Assert.Equal(OrderState.Issued, order.State);
        Assert.Equal(order.KeyId, installed.KeyId);
        var key = await restarted.Store.GetKeyAsync(installed.KeyId);
        using var certificate = X509CertificateLoader.LoadCertificate(installed.CertificateDer);
        Assert.Equal(key!.PublicKeyInfo, certificate.PublicKey.ExportSubjectPublicKeyInfo());
        Assert.True(TpmDevice.TryParseHandle(installed.KeyReference, out var handle));
        Assert.Contains(handle, await fixture.Tpm.GetPersistentHandlesAsync());
        var verified = Assert.Single(await restarted.Verification.VerifyAsync(), v => v.Certificate.CertificateId == installed.CertificateId);
        Assert.True(verified.Passed, verified.Problem); // the TPM key signs, and its signature verifies with the certificate
        Assert.True(File.Exists(Path.Combine(installed.InstallPath!, "cert.pem")));

        await restarted.Enrollment.RemoveAsync(installed.CertificateId); // frees the swtpm's NV space for the next case
    }
}
