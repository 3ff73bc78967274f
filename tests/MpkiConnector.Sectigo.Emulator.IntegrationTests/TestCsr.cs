using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MpkiConnector.Sectigo.Emulator.Tests;

/// <summary>CSRs for the tests (EC P-256 by default: cheap).</summary>
internal static class TestCsr
{
    public static string Ec(string email, ECCurve? curve = null)
    {
        using var key = ECDsa.Create(curve ?? ECCurve.NamedCurves.nistP256);
        return new CertificateRequest($"CN={email}, E={email}", key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
    }

    public static string Rsa(string email, int bits)
    {
        using var key = RSA.Create(bits);
        return new CertificateRequest($"CN={email}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSigningRequestPem();
    }

    public static (string Pem, ECDsa Key) EcWithKey(string email)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return (new CertificateRequest($"CN={email}", key, HashAlgorithmName.SHA256).CreateSigningRequestPem(), key);
    }
}
