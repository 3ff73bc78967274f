using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Sectigo.Tests;

/// <summary>The provider's emulator suite with a client certificate: <c>/private/api</c>, no password header.</summary>
public sealed class SectigoProviderEmulatorClientCertificateTests : SectigoProviderEmulatorTests, IDisposable
{
    private readonly TempDirectory _folder = new();

    protected override void ConfigureAuth(SectigoOptions options)
    {
        var path = _folder.File("admin.p12");
        if (!File.Exists(path))
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=operator", key, HashAlgorithmName.SHA256);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12));
        }

        options.Auth = SectigoAuthMode.ClientCertificate;
        options.ClientCertificatePath = path;
        options.Password = null;
    }

    public void Dispose() => _folder.Dispose();
}
