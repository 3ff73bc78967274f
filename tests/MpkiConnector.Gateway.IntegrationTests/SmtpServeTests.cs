using System.Text.Json.Nodes;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using MimeKit;
using MimeKit.Cryptography;
using MpkiConnector.Gateway.Smtp;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Gateway.Tests;

public sealed class SmtpServeTests
{
    [Fact]
    public async Task Serve_FirstMailWithDeferPolicy_Answers451ThenRetryIsSignedAndOpenSslVerifies()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var h = new SmtpGatewayHarness(EmulatorGateway.Create(emulator));
        h.Gateway.Config["FirstMail"] = new JsonObject { ["Policy"] = "Defer", ["DeferRetryInterval"] = "00:00:01" };
        await using var nextHop = await CapturingSmtpServer.StartAsync(h.NextHopPort);
        MetricCollector<long>? deferred = null, relayed = null;
        var server = await h.StartAsync(s =>
        {
            deferred = new MetricCollector<long>(s.Telemetry, GatewayTelemetry.SmtpMeterName, "mpki.smtp.messages.deferred");
            relayed = new MetricCollector<long>(s.Telemetry, GatewayTelemetry.SmtpMeterName, "mpki.smtp.messages.relayed");
        });
        var message = SmtpGatewayHarness.Mail("Alice <alice@example.com>", "bob@partner.test", "Signed over SMTP.\r\n");
        var envelope = new[] { new MailboxAddress(null, "bob@partner.test"), new MailboxAddress(null, "hidden@partner.test") };

        var first = await Assert.ThrowsAsync<SmtpCommandException>(() => h.SendAsync(message, new MailboxAddress(null, "alice@example.com"), envelope));
        Assert.Equal(451, (int)first.StatusCode);
        Assert.Contains("try again later", first.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(h.Gateway.Deferred, "*.eml"));

        string? answer = null;
        for (var attempt = 0; answer is null && attempt < 100; attempt++)
        {
            await Task.Delay(200);
            try
            {
                answer = await h.SendAsync(message, new MailboxAddress(null, "alice@example.com"), envelope);
            }
            catch (SmtpCommandException ex) when ((int)ex.StatusCode == 451)
            {
            }
        }

        Assert.NotNull(answer);
        var captured = Assert.Single(await nextHop.WaitForAsync(1));
        Assert.Equal("alice@example.com", captured.Sender);
        Assert.Equal(["bob@partner.test", "hidden@partner.test"], captured.Recipients);
        var output = h.Gateway.Temp.Combine("relayed.eml");
        await File.WriteAllBytesAsync(output, captured.Data);
        var relayedMessage = MimeMessage.Load(output);
        Assert.IsType<MultipartSigned>(relayedMessage.Body);
        Assert.DoesNotContain(relayedMessage.Headers, f => f.Field.StartsWith("X-Mpki-Envelope", StringComparison.OrdinalIgnoreCase));
        var root = h.Gateway.Temp.Combine("root.pem");
        await File.WriteAllTextAsync(root, emulator.Emulator.RootCertificate.ExportCertificatePem());
        var content = h.Gateway.Temp.Combine("content.txt");
        await OpenSslRunner.RunSuccessfullyAsync("smime", "-verify", "-in", output, "-CAfile", root, "-purpose", "smimesign", "-out", content);
        Assert.Contains("Signed over SMTP.", await File.ReadAllTextAsync(content), StringComparison.Ordinal);
        Assert.Equal(1, await emulator.Emulator.CountOrdersAsync());
        Assert.True(deferred!.GetMeasurementSnapshot().EvaluateAsCounter() >= 1);
        await WaitUntilAsync(() => relayed!.GetMeasurementSnapshot().EvaluateAsCounter() == 1);
        deferred.Dispose();
        relayed!.Dispose();
        Assert.Equal(0, server.PendingRelay);
    }

    [Fact]
    public async Task Serve_NextHopDown_AcceptedMailKeptAndRelayedOnceItIsUp()
    {
        await using var h = new SmtpGatewayHarness();
        MetricCollector<long>? collector = null;
        var server = await h.StartAsync(s => collector = new MetricCollector<long>(s.Telemetry, GatewayTelemetry.SmtpMeterName, "mpki.smtp.relay.failures"));
        using var failures = collector!;
        for (var i = 0; i < 3; i++)
        {
            var answer = await h.SendAsync(SmtpGatewayHarness.Mail("carol@example.com", $"r{i}@partner.test"));
            Assert.StartsWith("2.0.0 Ok: queued", answer, StringComparison.Ordinal);
        }

        await WaitUntilAsync(() => failures.GetMeasurementSnapshot().EvaluateAsCounter() >= 1); // a relay attempt failed: the next hop is down
        Assert.Equal(3, server.PendingRelay);

        await using var nextHop = await CapturingSmtpServer.StartAsync(h.NextHopPort);
        var received = await nextHop.WaitForAsync(3);

        Assert.Equal(3, received.Count);
        Assert.Equal(["r0@partner.test", "r1@partner.test", "r2@partner.test"], received.SelectMany(m => m.Recipients).Order(StringComparer.Ordinal));
        await WaitUntilAsync(() => server.PendingRelay == 0);
        await Task.Delay(500);
        Assert.Equal(3, nextHop.Messages.Count);
        Assert.True(failures.GetMeasurementSnapshot().EvaluateAsCounter() >= 1);
    }

    [Fact]
    public async Task Serve_NextHopRefusesOneRecipient_OthersGetTheMessageOnlyTheRefusedOneIsSetAsideWithTheReason()
    {
        await using var h = new SmtpGatewayHarness();
        await using var nextHop = await CapturingSmtpServer.StartAsync(h.NextHopPort, refuseRecipient: a => a.StartsWith("gone@", StringComparison.Ordinal));
        var server = await h.StartAsync();
        var envelope = new[] { "bob@partner.test", "gone@partner.test", "eve@partner.test" }.Select(a => new MailboxAddress(null, a));

        Assert.StartsWith("2.0.0", await h.SendAsync(SmtpGatewayHarness.Mail("carol@example.com", "bob@partner.test"), new MailboxAddress(null, "carol@example.com"), envelope), StringComparison.Ordinal);

        var received = Assert.Single(await nextHop.WaitForAsync(1));
        Assert.Equal(["bob@partner.test", "eve@partner.test"], received.Recipients);
        Assert.IsType<MultipartSigned>(MimeMessage.Load(new MemoryStream(received.Data)).Body);
        await WaitUntilAsync(() => server.PendingRelay == 0 && Directory.GetFiles(h.Gateway.Rejected, "*.eml").Length == 1);
        var setAside = Assert.Single(Directory.GetFiles(h.Gateway.Rejected, "*.eml"));
        var reason = await File.ReadAllTextAsync(Spool.MailFolders.ReasonFileOf(setAside));
        Assert.Contains("gone@partner.test: 550", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("bob@partner.test", reason, StringComparison.Ordinal);
        Assert.Equal(["gone@partner.test"], SmtpEnvelope.Extract(MimeMessage.Load(setAside))!.Recipients);
        await Task.Delay(500);
        Assert.Single(nextHop.Messages); // the others got it once
    }

    [Fact]
    public async Task StopAsync_MessageBeingProcessed_AnsweredBeforeStopAndNewConnectionsRefused()
    {
        await using var h = new SmtpGatewayHarness();
        h.Gateway.Config["FirstMail"] = new JsonObject { ["Policy"] = "Hold", ["HoldTimeout"] = "00:00:02", ["HoldFallback"] = "SendUnsigned" };
        var server = await h.StartAsync();
        h.Gateway.Fake().Options.PendingCount = 1000;
        var intake = Path.Combine(h.Gateway.Spool, "smtp");
        var sending = h.SendAsync(SmtpGatewayHarness.Mail("frank@example.com", "gina@partner.test"));
        await WaitUntilAsync(() => Directory.GetFiles(intake, "*.eml").Length == 1 || sending.IsCompleted);

        await server.StopAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.StartsWith("2.0.0", await sending, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(h.Gateway.Outbox, "*.eml"));
        using var late = new SmtpClient();
        await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(() => late.ConnectAsync("127.0.0.1", h.Port, MailKit.Security.SecureSocketOptions.None));
    }

    internal static async Task WaitUntilAsync(Func<bool> condition, int seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, "The condition did not hold in time.");
            await Task.Delay(50);
        }
    }
}
