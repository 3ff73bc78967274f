using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using MimeKit.Cryptography;

namespace MpkiConnector.Gateway.Smime;

/// <summary>One signer of a CMS SignedData, checked with .NET's <see cref="SignerInfo"/>.</summary>
internal sealed class CmsDigitalSignature : IDigitalSignature
{
    private readonly SignerInfo _signer;
    private readonly X509Certificate2Collection _extraCertificates;
    private readonly X509Certificate2Collection? _trustedRoots;
    private readonly DateTimeOffset _now;

    public CmsDigitalSignature(SignerInfo signer, X509Certificate2Collection extraCertificates, X509Certificate2Collection? trustedRoots, DateTimeOffset now)
    {
        _signer = signer;
        _extraCertificates = extraCertificates;
        _trustedRoots = trustedRoots;
        _now = now;
        Certificate = signer.Certificate;
        SignerCertificate = Certificate is null ? null! : new X509DigitalCertificate(Certificate);
        CreationDate = signer.SignedAttributes.Cast<CryptographicAttributeObject>()
            .SelectMany(a => a.Values.Cast<AsnEncodedData>())
            .OfType<Pkcs9SigningTime>()
            .Select(t => t.SigningTime.ToUniversalTime())
            .FirstOrDefault();
    }

    /// <summary>The signer's certificate, when the message carries it.</summary>
    public X509Certificate2? Certificate { get; }

    public IDigitalCertificate SignerCertificate { get; }

    public PublicKeyAlgorithm PublicKeyAlgorithm => (SignerCertificate as X509DigitalCertificate)?.PublicKeyAlgorithm ?? PublicKeyAlgorithm.None;

    public DigestAlgorithm DigestAlgorithm => _signer.DigestAlgorithm.Value switch
    {
        "1.3.14.3.2.26" => DigestAlgorithm.Sha1,
        "2.16.840.1.101.3.4.2.4" => DigestAlgorithm.Sha224,
        "2.16.840.1.101.3.4.2.1" => DigestAlgorithm.Sha256,
        "2.16.840.1.101.3.4.2.2" => DigestAlgorithm.Sha384,
        "2.16.840.1.101.3.4.2.3" => DigestAlgorithm.Sha512,
        _ => DigestAlgorithm.None,
    };

    public DateTime CreationDate { get; }

    public bool Verify() => Verify(false);

    public bool Verify(bool verifySignatureOnly)
    {
        if (Certificate is null)
        {
            throw new DigitalSignatureVerifyException("The message does not carry the signer's certificate.");
        }

        try
        {
            _signer.CheckSignature(verifySignatureOnly: true);
        }
        catch (CryptographicException ex)
        {
            throw new DigitalSignatureVerifyException("The signature does not match the signed content.", ex);
        }

        if (verifySignatureOnly)
        {
            return true;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = (CreationDate == default ? _now.UtcDateTime : CreationDate).ToLocalTime();
        chain.ChainPolicy.ExtraStore.AddRange(_extraCertificates);
        if (_trustedRoots is { Count: > 0 })
        {
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(_trustedRoots);
        }

        return chain.Build(Certificate);
    }
}
