using Microsoft.Extensions.Time.Testing;
using MimeKit;
using MimeKit.Cryptography;
using MpkiConnector.Gateway.Renewal;
using MpkiConnector.Storage;

namespace MpkiConnector.Gateway.Tests;

public sealed class RenewalTests
{
    [Fact]
    public async Task RenewAsync_BeforeAndInsideOverlap_NothingThenAllRenewedAndOldKeyStillDecrypts()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var h = new GatewayHarness().WithFakeProvider().WithDomain("example.com", "fake", keyAlgorithm: "Rsa2048", termDays: 365);
        h.Build.TimeProvider = time;
        var gateway = h.Start();
        foreach (var name in new[] { "alice", "bob", "carol" })
        {
            h.WriteMail($"{name}.eml", $"{name}@example.com", "partner@partner.test");
        }

        Assert.Equal(3, (await gateway.ProcessOnceAsync()).Issued);
        var aliceOld = await gateway.SecureMimeContext.FindSigningCertificateAsync("alice@example.com");
        Assert.NotNull(aliceOld);

        // Old mail: encrypted to Alice's first certificate.
        var old = new MimeMessage();
        old.From.Add(MailboxAddress.Parse("partner@partner.test"));
        old.To.Add(MailboxAddress.Parse("alice@example.com"));
        old.Subject = "old secret";
        old.Body = await ApplicationPkcs7Mime.EncryptAsync(gateway.SecureMimeContext, [MailboxAddress.Parse("alice@example.com")], new TextPart("plain") { Text = "the old secret" });
        var oldMail = h.Temp.Combine("old.eml");
        await old.WriteToAsync(oldMail);

        time.SetUtcNow(aliceOld.NotAfter - TimeSpan.FromDays(31));
        var before = await gateway.RenewAsync();
        Assert.Empty(before.Items);
        Assert.Equal(0, before.Checked); // outside the overlap window nothing is read from the store

        time.SetUtcNow(aliceOld.NotAfter - TimeSpan.FromDays(29));
        var dry = await gateway.RenewAsync(dryRun: true);
        Assert.Equal(3, dry.Checked);
        Assert.Equal(3, dry.Items.Count(i => i.Result == RenewalResult.Planned));
        var inside = await gateway.RenewAsync();
        Assert.Equal(3, inside.Renewed);
        Assert.All(inside.Items, i => Assert.Equal(RenewalReason.Due, i.Reason));
        Assert.Equal(3, h.Fake().OrderCount - 3);

        var aliceNew = await gateway.SecureMimeContext.FindSigningCertificateAsync("alice@example.com");
        Assert.NotNull(aliceNew);
        Assert.NotEqual(aliceOld.SerialNumber, aliceNew.SerialNumber);
        Assert.NotEqual(aliceOld.KeyId, aliceNew.KeyId);
        var history = await gateway.Certificates.ListAsync("alice@example.com");
        Assert.Contains(history, c => c.SerialNumber == aliceOld.SerialNumber && c.Status == CertificateStatus.Superseded);
        Assert.Empty((await gateway.RenewAsync()).Items);

        File.Copy(oldMail, Path.Combine(h.Spool, "old.eml"));
        var summary = await gateway.ProcessOnceAsync();
        Assert.Equal(1, summary.Decrypted);
        var delivered = GatewayHarness.Load(Path.Combine(h.Outbox, "old.eml"));
        Assert.Equal("the old secret", Assert.IsType<TextPart>(delivered.Body).Text);
    }

    [Fact]
    public async Task RenewAsync_RevokedAtCa_FoundAndReplaced()
    {
        await using var h = new GatewayHarness().WithFakeProvider().WithDomain("example.com", "fake");
        h.Build.CheckRevocationAtCa = true;
        var gateway = h.Start();
        h.WriteMail("a.eml", "alice@example.com", "partner@partner.test");
        await gateway.ProcessOnceAsync();
        var original = await gateway.SecureMimeContext.FindSigningCertificateAsync("alice@example.com");

        await h.Fake().RevokeAsync(MpkiRevocationRequest.ByEmail("alice@example.com", MpkiRevocationReason.KeyCompromise));
        var report = await gateway.RenewAsync();

        var item = Assert.Single(report.Items);
        Assert.Equal(RenewalReason.Revoked, item.Reason);
        Assert.Equal(RenewalResult.Renewed, item.Result);
        var replacement = await gateway.SecureMimeContext.FindSigningCertificateAsync("alice@example.com");
        Assert.NotEqual(original!.SerialNumber, replacement!.SerialNumber);
        Assert.Contains(await gateway.Certificates.ListAsync("alice@example.com"), c => c.SerialNumber == original.SerialNumber && c.Status == CertificateStatus.Revoked);

        h.WriteMail("b.eml", "alice@example.com", "partner@partner.test");
        await gateway.ProcessOnceAsync();
        var signed = Assert.IsType<MimeKit.Cryptography.MultipartSigned>(GatewayHarness.Load(Path.Combine(h.Outbox, "b.eml")).Body);
        var signature = Assert.Single(await signed.VerifyAsync(gateway.SecureMimeContext));
        using var replacementCertificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(replacement.Der);
        Assert.Equal(replacementCertificate.Thumbprint.ToLowerInvariant(), signature.SignerCertificate?.Fingerprint);
    }

    [Fact]
    public async Task RenewAsync_CaRejectsRenewal_BacksOffAndReportsExpiringCertificate()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var h = new GatewayHarness().WithFakeProvider().WithDomain("example.com", "fake", termDays: 365);
        h.Build.TimeProvider = time;
        var gateway = h.Start();
        h.WriteMail("a.eml", "alice@example.com", "partner@partner.test");
        await gateway.ProcessOnceAsync();
        var certificate = await gateway.SecureMimeContext.FindSigningCertificateAsync("alice@example.com");

        h.Fake().Options.Reject = true;
        time.SetUtcNow(certificate!.NotAfter - TimeSpan.FromDays(5));
        var first = await gateway.RenewAsync();
        var second = await gateway.RenewAsync();

        Assert.Equal(RenewalResult.Failed, Assert.Single(first.Items).Result);
        Assert.Equal(RenewalResult.BackingOff, Assert.Single(second.Items).Result);
        Assert.Equal(certificate.SerialNumber, Assert.Single(second.ExpiringSoon).SerialNumber);
        Assert.Equal(2, h.Fake().OrderCount);
    }
}
