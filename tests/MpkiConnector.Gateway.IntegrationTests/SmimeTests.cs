using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using MimeKit.Cryptography;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Gateway.Tests;

public sealed class SmimeTests
{
    [Fact]
    public async Task ProcessOnceAsync_SignedInboundThenReply_HarvestsAndEncryptsToCorrespondent()
    {
        await using var h = new GatewayHarness(TimeProvider.System).WithFakeProvider().WithDomain("example.com", "fake");
        var gateway = h.Start();
        using var bobKey = RSA.Create(2048);
        var request = new CertificateRequest("CN=Bob Partner", bobKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddEmailAddress("bob@partner.test");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.4")], false));
        using var bob = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        await File.WriteAllTextAsync(h.Temp.Combine("bob.pem"), bob.ExportCertificatePem());
        await File.WriteAllTextAsync(h.Temp.Combine("bob.key"), bobKey.ExportPkcs8PrivateKeyPem());
        await File.WriteAllTextAsync(h.Temp.Combine("body.txt"), "Hello Alice, here is my certificate.\n");
        var (code, text) = await OpenSslRunner.RunAsync("smime", "-sign", "-in", h.Temp.Combine("body.txt"), "-signer", h.Temp.Combine("bob.pem"), "-inkey", h.Temp.Combine("bob.key"),
            "-from", "bob@partner.test", "-to", "alice@example.com", "-subject", "hi", "-text", "-out", Path.Combine(h.Spool, "inbound.eml"));
        Assert.True(code == 0, text);

        var inbound = await gateway.ProcessOnceAsync();

        Assert.Equal(1, inbound.Harvested);
        h.WriteMail("reply.eml", "alice@example.com", "bob@partner.test", body: "Thanks, Bob.\r\n");
        var reply = await gateway.ProcessOnceAsync();
        Assert.Equal(1, reply.Encrypted);
        var output = Path.Combine(h.Outbox, "reply.eml");
        Assert.IsType<ApplicationPkcs7Mime>(GatewayHarness.Load(output).Body);
        (code, text) = await OpenSslRunner.RunAsync("smime", "-decrypt", "-in", output, "-recip", h.Temp.Combine("bob.pem"), "-inkey", h.Temp.Combine("bob.key"), "-out", h.Temp.Combine("signed.eml"));
        Assert.True(code == 0, text);
        (code, text) = await OpenSslRunner.RunAsync("smime", "-verify", "-noverify", "-in", h.Temp.Combine("signed.eml"), "-out", h.Temp.Combine("plain.txt"));
        Assert.True(code == 0, text);
        Assert.Contains("Thanks, Bob.", await File.ReadAllTextAsync(h.Temp.Combine("plain.txt")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProcessOnceAsync_PluginProviderFromFolder_IssuesAndSigns()
    {
        await using var h = new GatewayHarness(TimeProvider.System).WithDomain("example.com", "plug");
        ExamplePlugin.CopyTo(h.Temp.Combine("plugins"));
        h.Config["PluginsFolder"] = "plugins";
        h.Config["Providers"]!["plug"] = new JsonObject { ["Type"] = ExamplePlugin.Type, ["TermDays"] = "90" };
        var gateway = h.Start();
        h.WriteMail("a.eml", "alice@example.com", "partner@partner.test");

        var summary = await gateway.ProcessOnceAsync();

        Assert.Equal(1, summary.Issued);
        Assert.Equal(1, summary.Signed);
        Assert.Equal(ExamplePlugin.Type, Assert.Single(gateway.Plugins).Type);
        var certificate = Assert.Single(await gateway.Certificates.ListAsync("alice@example.com"));
        Assert.Contains("Example Plugin CA (plug)", certificate.Issuer, StringComparison.Ordinal);
        Assert.Equal("plug", certificate.ProviderName);
    }
}
