using Microsoft.Extensions.DependencyInjection;
using System.Text.Json.Nodes;
using MimeKit.Cryptography;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Gateway.Tests;

public sealed class EmulatorEndToEndTests
{
    internal static GatewayHarness WithEmulator(RunningEmulator emulator, int maxConcurrent = 4) => EmulatorGateway.Create(emulator, maxConcurrent);

    [Fact]
    public async Task ProcessOnceAsync_FirstMailOfNewSender_OneOrderAndOpenSslVerifiesSignature()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var h = WithEmulator(emulator);
        var gateway = h.Start();
        h.WriteMail("first.eml", "Alice Example <alice@example.com>", "bob@partner.test", body: "First mail.\r\nSecond line.\r\n");

        var summary = await gateway.ProcessOnceAsync();

        Assert.Equal(1, summary.Issued);
        Assert.Equal(1, summary.Signed);
        Assert.Equal(1, await emulator.Emulator.CountOrdersAsync());
        var output = Path.Combine(h.Outbox, "first.eml");
        Assert.IsType<MultipartSigned>(GatewayHarness.Load(output).Body);
        var root = h.Temp.Combine("root.pem");
        await File.WriteAllTextAsync(root, emulator.Emulator.RootCertificate.ExportCertificatePem());
        var (exitCode, text) = await OpenSslRunner.RunAsync("cms", "-verify", "-in", output, "-CAfile", root, "-purpose", "smimesign", "-out", h.Temp.Combine("content.txt"));
        Assert.True(exitCode == 0, text);
        Assert.Contains("Second line.", await File.ReadAllTextAsync(h.Temp.Combine("content.txt")), StringComparison.Ordinal);

        h.WriteMail("second.eml", "alice@example.com", "bob@partner.test");
        var again = await gateway.ProcessOnceAsync();
        Assert.Equal(0, again.Issued);
        Assert.Equal(1, again.Signed);
        Assert.Equal(1, await emulator.Emulator.CountOrdersAsync());
    }

    [Fact]
    public async Task ProcessOnceAsync_DomainNotDelegated_DeferredWithTheFixAndNotRetriedAtTheCa()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        emulator.Emulator.Customer(emulator.CustomerUri).Domains.Add(new Sectigo.Emulator.Configuration.EmulatorDomain
        {
            Id = 503,
            Name = "ssl-only.example",
            Delegations = [new Sectigo.Emulator.Configuration.EmulatorDomainDelegation { OrgId = RunningEmulator.DefaultOrganizationId, CertTypes = ["SSL"] }],
        });
        await using var h = WithEmulator(emulator).WithDomain("ssl-only.example", "scm", termDays: 365);
        h.Config["FirstMail"] = new JsonObject { ["Policy"] = "Hold", ["HoldTimeout"] = "00:00:10", ["HoldFallback"] = "Defer", ["DeferRetryInterval"] = "00:00:01" };
        var gateway = h.Start();
        h.WriteMail("a.eml", "alice@ssl-only.example", "bob@partner.test");

        var first = await gateway.ProcessOnceAsync();
        var enrolls = emulator.Emulator.Requests.Count(r => r.Path.EndsWith("/enroll", StringComparison.Ordinal));
        var second = await gateway.ProcessOnceRetryingDeferredAsync();

        Assert.Equal(1, first.Deferred);
        Assert.Equal(1, second.Deferred);
        var reason = await File.ReadAllTextAsync(Path.Combine(h.Deferred, "a.eml.defer.json"));
        Assert.Contains("Fix:", reason, StringComparison.Ordinal);
        Assert.Contains("delegat", reason, StringComparison.Ordinal);
        Assert.Equal(enrolls, emulator.Emulator.Requests.Count(r => r.Path.EndsWith("/enroll", StringComparison.Ordinal)));
        Assert.Equal(0, await emulator.Emulator.CountOrdersAsync());
        var order = Assert.Single(await gateway.Services.GetRequiredService<MpkiConnector.Storage.IOrderJournal>().ListOrdersAsync("alice@ssl-only.example"));
        Assert.Contains("Fix:", order.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProcessOnceAsync_500MessagesFrom50NewSenders_Exactly50Orders()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var h = WithEmulator(emulator, maxConcurrent: 8);
        h.Config["MaxConcurrentMessages"] = 32;

        // The Hold bound counts from the moment a message asks, so it includes the wait behind the account's 8 issuance
        // slots: 32 first-seen senders asking at once on a loaded 2-core machine once took longer than the harness's
        // 60 s, and the late ones were deferred (Signed < 500). This test is about orders and delivery, not latency.
        h.Config["FirstMail"] = new JsonObject { ["Policy"] = "Hold", ["HoldTimeout"] = "00:10:00" };
        var gateway = h.Start();
        for (var i = 0; i < 500; i++)
        {
            h.WriteMail($"m{i:D3}.eml", $"sender{i % 50:D2}@example.com", "someone@partner.test");
        }

        var summary = await gateway.ProcessOnceAsync();

        Assert.True(summary is { Processed: 500, Signed: 500, Issued: 50 }, summary.ToString());
        Assert.Equal(50, await emulator.Emulator.CountOrdersAsync());
        Assert.Empty(Directory.GetFiles(h.Spool));
        Assert.Equal(500, Directory.GetFiles(h.Outbox, "*.eml").Length);
    }

    [Fact]
    public async Task RenewAsync_CertificateRevoked_ReplacedAtOnce()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var h = WithEmulator(emulator);
        var gateway = h.Start();
        h.WriteMail("a.eml", "alice@example.com", "bob@partner.test");
        await gateway.ProcessOnceAsync();
        var original = Assert.Single(await gateway.Certificates.ListAsync("alice@example.com"));

        var revoked = await gateway.Certificates.RevokeAsync("alice@example.com", null, MpkiRevocationReason.KeyCompromise);
        var report = await gateway.RenewAsync();

        Assert.Equal(original.SerialNumber, Assert.Single(revoked).SerialNumber);
        var item = Assert.Single(report.Items);
        Assert.Equal(Renewal.RenewalReason.Revoked, item.Reason);
        Assert.Equal(Renewal.RenewalResult.Renewed, item.Result);
        var active = await gateway.SecureMimeContext.FindSigningCertificateAsync("alice@example.com");
        Assert.NotNull(active);
        Assert.NotEqual(original.SerialNumber, active.SerialNumber);
        Assert.Equal(2, await emulator.Emulator.CountOrdersAsync());
    }
}
