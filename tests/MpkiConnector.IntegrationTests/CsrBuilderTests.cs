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
    [InlineData("Jane\nDoe", "Jane Doe")]
    [InlineData("Jane\u0000 Doe\u0007", "Jane Doe")]
    [InlineData("\u202Eevil\u202C Mallory", "evil Mallory")]
    [InlineData("Bob\u2066\u200F\u200B Smith", "Bob Smith")]
    [InlineData("A display name that is far too long to fit into the sixty-four characters of a CN", "A display name that is far too long to fit into the sixty-four c")]
    public void CreateForPerson_HostileDisplayName_CommonNameSanitized(string displayName, string expectedCommonName)
    {
        using var key = TestKeys.Ephemeral(MpkiKeyAlgorithm.EcdsaP256);

        var request = CertificateRequest.LoadSigningRequestPem(CsrBuilder.CreateForPerson(key, "jane@example.org", displayName), HashAlgorithmName.SHA256);

        Assert.Equal(expectedCommonName, request.SubjectName.EnumerateRelativeDistinguishedNames().Select(r => r.GetSingleElementValue()).Last(v => v != "jane@example.org"));
        Assert.DoesNotContain(request.SubjectName.Name, c => char.IsControl(c) || c is '\u202E' or '\u2066' or '\u200F');
    }

    [Theory]
    [InlineData("\u202E\u202C")]
    [InlineData("\r\n\t")]
    public void CreateForPerson_NothingLeftOfDisplayName_CommonNameIsAddress(string displayName)
    {
        using var key = TestKeys.Ephemeral(MpkiKeyAlgorithm.EcdsaP256);

        var request = CertificateRequest.LoadSigningRequestPem(CsrBuilder.CreateForPerson(key, "jane@example.org", displayName), HashAlgorithmName.SHA256);

        Assert.Contains("CN=jane@example.org", request.SubjectName.Name, StringComparison.Ordinal);
    }

    [Fact]
    public void Sanitize_SurrogatePairAtTheCut_IsNotSplit()
    {
        var name = new string('a', 63) + "\U0001F600";

        Assert.Equal(new string('a', 63), DisplayName.Sanitize(name));
    }
}
