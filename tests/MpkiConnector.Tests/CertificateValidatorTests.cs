using Microsoft.Extensions.Time.Testing;
using MpkiConnector.Testing;

namespace MpkiConnector.Tests;

public sealed class CertificateValidatorTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly FakeMpkiProvider _ca;
    private readonly MpkiKey _key = TestKeys.Ephemeral(MpkiKeyAlgorithm.EcdsaP256);

    public CertificateValidatorTests()
    {
        _ca = new FakeMpkiProvider("fake", time: _time);
    }

    public void Dispose()
    {
        _ca.Dispose();
        _key.Dispose();
    }

    [Fact]
    public async Task Validate_CorrectAnswer_KeepsCertificateAndChain()
    {
        var csr = CsrBuilder.CreateForPerson(_key, "alice@example.org");
        var issued = await IssueAsync(csr, MpkiCertificateKind.Person, "alice@example.org");

        var validated = new CertificateValidator(_time).Validate(issued, csr, MpkiCertificateKind.Person, "ALICE@example.org");

        Assert.Equal(issued.CertificateDer, validated.CertificateDer);
        Assert.Equal(2, validated.ChainDer.Count);
        Assert.Equal(_ca.CertificateAuthority.Issuing.RawData, validated.ChainDer[0]);
        Assert.Equal(64, validated.Thumbprint.Length);
        Assert.True(validated.NotBefore <= _time.GetUtcNow() && _time.GetUtcNow() <= validated.NotAfter);
    }

    [Fact]
    public async Task Validate_DeviceAnswer_NeedsDnsNameAndClientAuth()
    {
        var csr = CsrBuilder.CreateForDevice(_key, "host1.example.org");
        var issued = await IssueAsync(csr, MpkiCertificateKind.Device, "host1.example.org");
        var validator = new CertificateValidator(_time);

        var validated = validator.Validate(issued, _key.ExportSubjectPublicKeyInfo(), MpkiCertificateKind.Device, "host1.example.org");

        Assert.NotEmpty(validated.SerialNumber);
        var ex = Assert.Throws<MpkiException>(() => validator.Validate(issued, _key.ExportSubjectPublicKeyInfo(), MpkiCertificateKind.Device, "host2.example.org"));
        Assert.Contains("host2.example.org", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FakeWrongCertificate.OtherKey, "another public key")]
    [InlineData(FakeWrongCertificate.OtherAddress, "does not name 'alice@example.org'")]
    [InlineData(FakeWrongCertificate.NoEmailProtection, "does not allow e-mail protection")]
    [InlineData(FakeWrongCertificate.Expired, "has expired")]
    [InlineData(FakeWrongCertificate.NotYetValid, "not valid yet")]
    [InlineData(FakeWrongCertificate.Garbage, "not a readable X.509 certificate")]
    public async Task Validate_WrongAnswer_IsRejectedWithPreciseReason(FakeWrongCertificate wrong, string reason)
    {
        _ca.Options.WrongCertificate = wrong;
        var csr = CsrBuilder.CreateForPerson(_key, "alice@example.org");
        var issued = await IssueAsync(csr, MpkiCertificateKind.Person, "alice@example.org");

        var ex = Assert.Throws<MpkiException>(() => new CertificateValidator(_time).Validate(issued, csr, MpkiCertificateKind.Person, "alice@example.org"));

        Assert.Equal(MpkiErrorKind.Rejected, ex.Kind);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_CorrectCertificateLaterInTime_IsRejectedAsExpired()
    {
        var csr = CsrBuilder.CreateForPerson(_key, "alice@example.org");
        var issued = await IssueAsync(csr, MpkiCertificateKind.Person, "alice@example.org");
        _time.Advance(TimeSpan.FromDays(400));

        var ex = Assert.Throws<MpkiException>(() => new CertificateValidator(_time).Validate(issued, csr, MpkiCertificateKind.Person, "alice@example.org"));

        Assert.Contains("has expired", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_GarbageInChain_IsRejected()
    {
        var csr = CsrBuilder.CreateForPerson(_key, "alice@example.org");
        var issued = await IssueAsync(csr, MpkiCertificateKind.Person, "alice@example.org");
        var broken = issued with { ChainDer = [issued.ChainDer[0], [0x30, 0x03, 0x01, 0x02]] };

        var ex = Assert.Throws<MpkiException>(() => new CertificateValidator(_time).Validate(broken, csr, MpkiCertificateKind.Person, "alice@example.org"));

        Assert.Contains("Element 2 of the returned chain", ex.Message, StringComparison.Ordinal);
    }

    private async Task<MpkiCollectResult.Issued> IssueAsync(string csr, MpkiCertificateKind kind, string subject)
    {
        var order = await _ca.SubmitAsync(new MpkiEnrollmentRequest(Guid.NewGuid().ToString(), csr, kind, subject));
        return Assert.IsType<MpkiCollectResult.Issued>(await _ca.CollectAsync(order));
    }
}
