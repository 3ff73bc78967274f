using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using MpkiConnector.Gateway.Configuration;
using MpkiConnector.Gateway.Smtp;

namespace MpkiConnector.Gateway.Tests;

public sealed class SmtpSafetyTests
{
    [Fact]
    public async Task Serve_ClientOutsideAllowedNetworks_Refused554AndNothingQueued()
    {
        await using var h = new SmtpGatewayHarness();
        h.Smtp["AllowedNetworks"] = new JsonArray("10.0.0.0/8", "192.168.0.0/16");
        await h.StartAsync();

        var refused = await Assert.ThrowsAsync<SmtpCommandException>(() => h.SendAsync(SmtpGatewayHarness.Mail("alice@example.com", "bob@partner.test")));

        Assert.Equal(554, (int)refused.StatusCode);
        Assert.Contains("127.0.0.1 is not allowed", refused.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(h.Gateway.Outbox));
    }

    [Fact]
    public async Task Serve_TooManyRecipientsAndTooLarge_452And552WithClearReplies()
    {
        await using var h = new SmtpGatewayHarness();
        h.Smtp["MaxRecipients"] = 2;
        h.Smtp["MaxMessageSize"] = 4096;
        await h.StartAsync();
        var message = SmtpGatewayHarness.Mail("alice@example.com", "a@partner.test");
        var three = new[] { "a@partner.test", "b@partner.test", "c@partner.test" }.Select(a => new MailboxAddress(null, a));

        var tooMany = await Assert.ThrowsAsync<SmtpCommandException>(() => h.SendAsync(message, message.From.Mailboxes.Single(), three));
        using var client = await h.ConnectAsync();
        var tooLarge = await Assert.ThrowsAsync<SmtpCommandException>(() => client.SendAsync(SmtpGatewayHarness.Mail("alice@example.com", "a@partner.test", new string('x', 8000))));

        Assert.Equal(452, (int)tooMany.StatusCode);
        Assert.Contains("at most 2", tooMany.Message, StringComparison.Ordinal);
        Assert.Equal(4096u, client.MaxSize);
        Assert.Equal(552, (int)tooLarge.StatusCode);
        Assert.Empty(Directory.GetFiles(h.Gateway.Outbox));
    }

    [Fact]
    public async Task Serve_StartTlsWithCertificateAndAuth_AuthenticatedClientSendsAndAnonymousIsRefused()
    {
        await using var h = new SmtpGatewayHarness();
        var (certificatePath, keyPath, thumbprint) = WriteServerCertificate(h.Gateway.Temp.Path);
        h.Smtp["CertificateFile"] = certificatePath;
        h.Smtp["CertificateKeyFile"] = keyPath;
        h.Smtp["Auth"] = new JsonObject { ["User"] = "mta" };
        h.Gateway.Environment["MPKI__Smtp__Auth__Password"] = "s3cret-pass";
        await h.StartAsync();

        using var client = new SmtpClient { ServerCertificateValidationCallback = (_, c, _, _) => c is not null && c.GetCertHashString() == thumbprint };
        await client.ConnectAsync("127.0.0.1", h.Port, SecureSocketOptions.StartTls);
        Assert.True(client.IsSecure);
        var anonymous = await Assert.ThrowsAsync<MailKit.ServiceNotAuthenticatedException>(() => client.SendAsync(SmtpGatewayHarness.Mail("alice@example.com", "bob@partner.test")));
        await Assert.ThrowsAsync<AuthenticationException>(() => client.AuthenticateAsync("mta", "wrong"));
        await client.AuthenticateAsync("mta", "s3cret-pass");
        var answer = await client.SendAsync(SmtpGatewayHarness.Mail("alice@example.com", "bob@partner.test"));

        Assert.Contains("authentication required", anonymous.Message, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("2.0.0", answer, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(h.Gateway.Outbox, "*.eml"));
    }

    [Fact]
    public async Task Create_OpenRelayAndMissingFiles_OneClearLinePerMistake()
    {
        await using var h = new SmtpGatewayHarness();
        h.Smtp["Listen"] = "localhost";
        h.Smtp["AllowedNetworks"] = new JsonArray("0.0.0.0/0", "not-a-net");
        h.Smtp["CertificateFile"] = "missing.pem";
        h.Smtp["MaxRecipients"] = 0;
        var gateway = h.Gateway.Start();

        var ex = Assert.Throws<GatewayConfigurationException>(() => SmtpGatewayServer.Create(gateway));

        Assert.Contains(ex.Errors, e => e.StartsWith("Smtp.Listen: 'localhost'", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.StartsWith("Smtp.AllowedNetworks: '0.0.0.0/0' allows every client: that is an open relay", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.StartsWith("Smtp.AllowedNetworks: 'not-a-net'", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.StartsWith("Smtp.CertificateFile:", StringComparison.Ordinal) && e.Contains("does not exist", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.StartsWith("Smtp.MaxRecipients: 0", StringComparison.Ordinal));
    }

    private static (string Certificate, string Key, string Thumbprint) WriteServerCertificate(string folder)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var certificatePath = Path.Combine(folder, "smtp.crt");
        var keyPath = Path.Combine(folder, "smtp.key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath, certificate.GetCertHashString());
    }
}
