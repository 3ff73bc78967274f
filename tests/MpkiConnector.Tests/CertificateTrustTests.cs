using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Time.Testing;
using MpkiConnector.LocalCa;
using MpkiConnector.Testing;

namespace MpkiConnector.Tests;

/// <summary>Issue 17 item 4: a certificate must chain to a trusted root and name only the requested address.</summary>
public sealed class CertificateTrustTests : IDisposable
{
    private const string Address = "alice@example.org";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly FakeMpkiProvider _ca;
    private readonly LocalCertificateAuthority _rogue;
    private readonly MpkiKey _key = TestKeys.Ephemeral(MpkiKeyAlgorithm.EcdsaP256);
    private readonly string _csr;

    public CertificateTrustTests()
    {
        _ca = new FakeMpkiProvider("fake", time: _time);
        _rogue = LocalCertificateAuthority.Create("Unrelated Rogue CA", _time);
        _csr = CsrBuilder.CreateForPerson(_key, Address);
    }

    public void Dispose()
    {
        _ca.Dispose();
        _rogue.Dispose();
        _key.Dispose();
    }

    [Fact]
    public void Validate_CertificateOfUnrelatedIssuerWithTheCasChain_IsRejected()
    {
        var rogue = _rogue.Issue(new LocalIssueRequest(_csr, Address, 365) { Email = Address });

        var ex = Assert.Throws<MpkiException>(() => new CertificateValidator(_time).Validate(new MpkiCollectResult.Issued(rogue.RawData, _ca.CertificateAuthority.ChainDer), _csr, MpkiCertificateKind.Person, Address));

        Assert.Equal(MpkiErrorKind.Rejected, ex.Kind);
        Assert.Contains("does not chain to the root the CA returned", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_OwnChainEndingInUnrelatedRoot_RejectedWhenTheAccountHasTrustedRoots()
    {
        var rogue = _rogue.Issue(new LocalIssueRequest(_csr, Address, 365) { Email = Address });
        var issued = new MpkiCollectResult.Issued(rogue.RawData, _rogue.ChainDer);
        var anchors = new CertificateTrustAnchors();
        anchors.Add("sectigo", [_ca.CertificateAuthority.Root]);
        var validator = new CertificateValidator(_time, anchors);

        var ex = Assert.Throws<MpkiException>(() => validator.Validate(issued, _csr, MpkiCertificateKind.Person, Address, "sectigo"));

        Assert.Contains("any of the 1 trusted root(s) configured for the provider account", ex.Message, StringComparison.Ordinal);
        Assert.NotNull(validator.Validate(issued, _csr, MpkiCertificateKind.Person, Address, "other-account")); // no roots configured there
    }

    [Fact]
    public async Task Validate_CorrectAnswerWithTrustedRootsConfigured_IsAccepted()
    {
        var order = await _ca.SubmitAsync(new MpkiEnrollmentRequest(Guid.NewGuid().ToString(), _csr, MpkiCertificateKind.Person, Address));
        var issued = Assert.IsType<MpkiCollectResult.Issued>(await _ca.CollectAsync(order));
        var anchors = new CertificateTrustAnchors();
        anchors.Add("sectigo", [_ca.CertificateAuthority.Root]);

        var validated = new CertificateValidator(_time, anchors).Validate(issued, _csr, MpkiCertificateKind.Person, Address, "SECTIGO");

        Assert.Equal(issued.CertificateDer, validated.CertificateDer);
    }

    [Fact]
    public void Validate_NoRootReturnedAndNoneConfigured_IsRejected()
    {
        var certificate = _ca.CertificateAuthority.Issue(new LocalIssueRequest(_csr, Address, 365) { Email = Address });

        var ex = Assert.Throws<MpkiException>(() => new CertificateValidator(_time).Validate(new MpkiCollectResult.Issued(certificate.RawData, [_ca.CertificateAuthority.Issuing.RawData]), _csr, MpkiCertificateKind.Person, Address));

        Assert.Contains("no root certificate", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ceo@example.com", null)]
    [InlineData(null, "intranet.example.org")]
    public void Validate_ExtraAddressInSan_IsRejected(string? extraEmail, string? extraDns)
    {
        using var certificate = IssueWithSan(extraEmail, extraDns);

        var ex = Assert.Throws<MpkiException>(() => new CertificateValidator(_time).Validate(new MpkiCollectResult.Issued(certificate.RawData, _ca.CertificateAuthority.ChainDer), _csr, MpkiCertificateKind.Person, Address));

        Assert.Equal(MpkiErrorKind.Rejected, ex.Kind);
        Assert.Contains($"names more than '{Address}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(extraEmail ?? extraDns!, ex.Message, StringComparison.Ordinal);
    }

    private X509Certificate2 IssueWithSan(string? extraEmail, string? extraDns)
    {
        var request = new CertificateRequest("CN=Alice", _key.Key as ECDsa ?? throw new InvalidOperationException(), HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.4")], false));
        var san = new SubjectAlternativeNameBuilder();
        san.AddEmailAddress(Address);
        if (extraEmail is not null)
        {
            san.AddEmailAddress(extraEmail);
        }

        if (extraDns is not null)
        {
            san.AddDnsName(extraDns);
        }

        request.CertificateExtensions.Add(san.Build());
        var now = _time.GetUtcNow();
        return request.Create(_ca.CertificateAuthority.Issuing, now.AddDays(-1), now.AddDays(300), [1, 2, 3, 4, 5, 6, 7, 8]);
    }
}
