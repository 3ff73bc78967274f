using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MpkiConnector.LocalCa;

namespace MpkiConnector.Sectigo.Tests;

/// <summary>EC P-256 keys and CSRs for tests, and certificates issued for them by a local CA.</summary>
internal static class TestCsr
{
    public static (ECDsa Key, string CsrPem) Create(string email)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={email}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddEmailAddress(email);
        request.CertificateExtensions.Add(san.Build());
        return (key, request.CreateSigningRequestPem());
    }

    /// <summary>A leaf issued by a fresh local CA, with the CA's issuing and root certificates.</summary>
    public static (X509Certificate2 Leaf, X509Certificate2 Issuing, X509Certificate2 Root) IssueChain(string email)
    {
        using var ca = LocalCertificateAuthority.Create("Sectigo Tests");
        var (key, csr) = Create(email);
        using (key)
        {
            var leaf = ca.Issue(new LocalIssueRequest(csr, email, 30) { Email = email });
            return (leaf, X509CertificateLoader.LoadCertificate(ca.Issuing.RawData), X509CertificateLoader.LoadCertificate(ca.Root.RawData));
        }
    }
}
