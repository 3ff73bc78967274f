using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace MpkiConnector.Sectigo.Tests;

public sealed class SectigoCertificateParserTests
{
    [Fact]
    public void Parse_PemChainInAnyOrder_LeafThenIssuerThenRoot()
    {
        var (leaf, issuing, root) = TestCsr.IssueChain("jane@example.com");
        var pem = root.ExportCertificatePem() + "\n" + leaf.ExportCertificatePem() + "\r\n" + issuing.ExportCertificatePem();
        var (certificate, chain) = SectigoCertificateParser.Parse(Encoding.ASCII.GetBytes(pem));
        Assert.Equal(leaf.RawData, certificate);
        Assert.Equal([issuing.RawData, root.RawData], chain);
    }

    [Fact]
    public void Parse_PemWithStrayPkcs7Lines_ReadsTheCertificates()
    {
        var (leaf, issuing, _) = TestCsr.IssueChain("jane@example.com");
        var pem = "-----BEGIN PKCS7-----\n" + leaf.ExportCertificatePem() + "\n" + issuing.ExportCertificatePem() + "\n-----END PKCS7-----\n";
        var (certificate, chain) = SectigoCertificateParser.Parse(Encoding.ASCII.GetBytes(pem));
        Assert.Equal(leaf.RawData, certificate);
        Assert.Equal(issuing.RawData, Assert.Single(chain));
    }

    [Theory]
    [InlineData("PEM")]
    [InlineData("DER")]
    [InlineData("BASE64")]
    public void Parse_Pkcs7FromOpenssl_LeafAndChain(string form)
    {
        var (leaf, issuing, root) = TestCsr.IssueChain("jane@example.com");
        var der = Pkcs7(root, issuing, leaf);
        var body = form switch
        {
            "DER" => der,
            "PEM" => Encoding.ASCII.GetBytes(PemEncoding.WriteString("PKCS7", der)),
            _ => Encoding.ASCII.GetBytes(Convert.ToBase64String(der, Base64FormattingOptions.InsertLineBreaks)),
        };
        var (certificate, chain) = SectigoCertificateParser.Parse(body);
        Assert.Equal(leaf.RawData, certificate);
        Assert.Equal([issuing.RawData, root.RawData], chain);
    }

    [Fact]
    public void Parse_BareDerCertificate_NoChain()
    {
        var (leaf, _, _) = TestCsr.IssueChain("jane@example.com");
        var (certificate, chain) = SectigoCertificateParser.Parse(leaf.RawData);
        Assert.Equal(leaf.RawData, certificate);
        Assert.Empty(chain);
    }

    [Theory]
    [InlineData("<html>Service Unavailable</html>")]
    [InlineData("-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----")]
    public void Parse_Garbage_FormatException(string body)
    {
        Assert.ThrowsAny<Exception>(() => SectigoCertificateParser.Parse(Encoding.ASCII.GetBytes(body)));
    }

    internal static byte[] Pkcs7(params X509Certificate2[] certificates)
    {
        var directory = Directory.CreateTempSubdirectory("sectigo-p7-");
        try
        {
            var input = Path.Combine(directory.FullName, "certs.pem");
            var output = Path.Combine(directory.FullName, "out.p7b");
            File.WriteAllText(input, string.Concat(certificates.Select(c => c.ExportCertificatePem() + "\n")));
            var start = new ProcessStartInfo("openssl", ["crl2pkcs7", "-nocrl", "-certfile", input, "-outform", "DER", "-out", output])
            {
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, error);
            return File.ReadAllBytes(output);
        }
        finally
        {
            directory.Delete(true);
        }
    }
}
