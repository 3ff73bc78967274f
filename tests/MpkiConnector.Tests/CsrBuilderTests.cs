using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Tests;

public sealed class CsrBuilderTests : IDisposable
{
    private readonly TempDirectory _folder = new("mpki-core-csr");

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(MpkiKeyAlgorithm.Rsa2048)]
    [InlineData(MpkiKeyAlgorithm.Rsa3072)]
    [InlineData(MpkiKeyAlgorithm.Rsa4096)]
    [InlineData(MpkiKeyAlgorithm.EcdsaP256)]
    [InlineData(MpkiKeyAlgorithm.EcdsaP384)]
    [InlineData(MpkiKeyAlgorithm.EcdsaP521)]
    public async Task CreateForPerson_EachAlgorithm_OpenSslVerifiesIt(MpkiKeyAlgorithm algorithm)
    {
        using var key = TestKeys.Ephemeral(algorithm);

        var pem = CsrBuilder.CreateForPerson(key, "Alice@Bücher.Example", "Alice Example");

        var file = _folder.File($"{algorithm}.csr");
        await File.WriteAllTextAsync(file, pem);
        var output = await OpenSslRunner.RunSuccessfullyAsync("req", "-in", file, "-verify", "-noout", "-text", "-nameopt", "RFC2253");
        Assert.Contains("verify OK", output, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("email:alice@xn--bcher-kva.example", output, StringComparison.Ordinal);
        Assert.Contains("CN=Alice Example", output, StringComparison.Ordinal);
        Assert.Contains("emailAddress=alice@xn--bcher-kva.example", output, StringComparison.Ordinal);
        Assert.Equal(key.ExportSubjectPublicKeyInfo(), CsrBuilder.GetSubjectPublicKeyInfo(pem));
    }

    [Fact]
    public async Task CreateForPerson_DisplayNameWithDnSpecials_IsEscapedAndReadsBack()
    {
        using var key = TestKeys.Ephemeral(MpkiKeyAlgorithm.EcdsaP256);
        const string name = "Doe, Jane + \"Boss\" <CN=admin>; #1 \\ =";

        var pem = CsrBuilder.CreateForPerson(key, "jane@example.org", name);

        var file = _folder.File("special.csr");
        await File.WriteAllTextAsync(file, pem);
        await OpenSslRunner.RunSuccessfullyAsync("req", "-in", file, "-verify", "-noout");
        var request = CertificateRequest.LoadSigningRequestPem(pem, HashAlgorithmName.SHA256);
        var rdns = request.SubjectName.EnumerateRelativeDistinguishedNames().ToList();
        Assert.Equal(2, rdns.Count);
        Assert.Contains(rdns, r => r.GetSingleElementType().Value == "2.5.4.3" && r.GetSingleElementValue() == name);
        Assert.Contains(rdns, r => r.GetSingleElementType().Value == "1.2.840.113549.1.9.1" && r.GetSingleElementValue() == "jane@example.org");
    }

    [Fact]
    public async Task CreateForDevice_OpenSslVerifiesItWithDnsName()
    {
        using var key = TestKeys.Ephemeral(MpkiKeyAlgorithm.EcdsaP256);

        var pem = CsrBuilder.CreateForDevice(key, "Host1.Example.ORG");

        var file = _folder.File("device.csr");
        await File.WriteAllTextAsync(file, pem);
        var output = await OpenSslRunner.RunSuccessfullyAsync("req", "-in", file, "-verify", "-noout", "-text");
        Assert.Contains("DNS:host1.example.org", output, StringComparison.Ordinal);
        Assert.Contains("CN = host1.example.org", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("alice@example.org\r\nX-Injected: yes")]
    [InlineData("alice@example.org, mallory@example.org")]
    [InlineData("Alice <alice@example.org>")]
    [InlineData("ålice@example.org")]
    [InlineData("alice")]
    [InlineData("alice@")]
    [InlineData("alice@example.org/CN=root")]
    public void CreateForPerson_HostileAddress_IsRefused(string address)
    {
        using var key = TestKeys.Ephemeral(MpkiKeyAlgorithm.EcdsaP256);

        var ex = Assert.Throws<MpkiException>(() => CsrBuilder.CreateForPerson(key, address));

        Assert.Equal(MpkiErrorKind.InvalidRequest, ex.Kind);
    }

    [Theory]
    [InlineData("Jane\nDoe")]
    [InlineData("A display name that is far too long to fit into the sixty-four characters of a CN")]
    public void CreateForPerson_HostileDisplayName_IsRefused(string displayName)
    {
        using var key = TestKeys.Ephemeral(MpkiKeyAlgorithm.EcdsaP256);

        Assert.Equal(MpkiErrorKind.InvalidRequest, Assert.Throws<MpkiException>(() => CsrBuilder.CreateForPerson(key, "jane@example.org", displayName)).Kind);
    }
}
