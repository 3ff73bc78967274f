using System.Security.Cryptography.X509Certificates;
using MimeKit.Cryptography;

namespace MpkiConnector.Gateway.Smime;

/// <summary>MimeKit's view of a .NET certificate.</summary>
internal sealed class X509DigitalCertificate : IDigitalCertificate
{
    public X509DigitalCertificate(X509Certificate2 certificate)
    {
        Certificate = certificate;
    }

    public X509Certificate2 Certificate { get; }

    public PublicKeyAlgorithm PublicKeyAlgorithm => Certificate.GetKeyAlgorithm() switch
    {
        "1.2.840.113549.1.1.1" => PublicKeyAlgorithm.RsaGeneral,
        "1.2.840.10045.2.1" => PublicKeyAlgorithm.EllipticCurve,
        "1.2.840.10040.4.1" => PublicKeyAlgorithm.Dsa,
        _ => PublicKeyAlgorithm.None,
    };

    public DateTime CreationDate => Certificate.NotBefore.ToUniversalTime();

    public DateTime ExpirationDate => Certificate.NotAfter.ToUniversalTime();

    public string Fingerprint => Certificate.Thumbprint.ToLowerInvariant();

    public string Email => CertificateAddresses.GetEmailAddresses(Certificate).FirstOrDefault() ?? string.Empty;

    public string Name => Certificate.GetNameInfo(X509NameType.SimpleName, false);
}
