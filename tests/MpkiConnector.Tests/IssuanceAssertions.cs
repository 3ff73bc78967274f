using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using MpkiConnector.Storage;

namespace MpkiConnector.Tests;

/// <summary>Checks shared by the issuance tests.</summary>
internal static class IssuanceAssertions
{
    /// <summary>The certificate's key opens, signs, and matches the certificate.</summary>
    public static async Task AssertKeyUsableAsync(SoftwareKeyProvider keys, CertificateRecord certificate)
    {
        using var key = await keys.OpenAsync(certificate.KeyId);
        using var x509 = X509CertificateLoader.LoadCertificate(certificate.Der);
        Assert.Equal(x509.PublicKey.ExportSubjectPublicKeyInfo(), key.ExportSubjectPublicKeyInfo());
        var data = Encoding.UTF8.GetBytes("mail body");
        if (key.Ecdsa is { } ecdsa)
        {
            using var publicKey = x509.GetECDsaPublicKey()!;
            Assert.True(publicKey.VerifyData(data, ecdsa.SignData(data, HashAlgorithmName.SHA256), HashAlgorithmName.SHA256));
        }
        else
        {
            using var publicKey = x509.GetRSAPublicKey()!;
            var signature = key.Rsa!.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            Assert.True(publicKey.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        }
    }

    /// <summary>Exactly one active certificate for the address, with no open order left.</summary>
    public static async Task<CertificateRecord> AssertOneActiveAsync(ICertificateStore certificates, IOrderJournal journal, string address)
    {
        var active = await certificates.ListCertificatesAsync(new CertificateQuery { Address = address, Status = CertificateStatus.Active });
        var single = Assert.Single(active);
        Assert.Null(await journal.GetOpenOrderAsync(address));
        return single;
    }
}
