using System.Text.Json.Nodes;
using MimeKit;
using MimeKit.Cryptography;
using MpkiConnector.Gateway.Tests;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Gateway.IntegrationTests;

/// <summary>
/// <c>mpki gateway serve</c> behind a real Postfix: Postfix's <c>sendmail</c> -> queue -> content filter (the gateway,
/// SMTP) -> reinjection port -> Maildir. Needs root and Debian's postfix (scripts/test.sh installs it).
/// </summary>
public sealed class PostfixContentFilterTests
{
    [Fact]
    public async Task Sendmail_FirstMailOfNewSenderWithDefer_DeliveredSignedAfterPostfixRetryAndOpenSslVerifies()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var h = new SmtpGatewayHarness(EmulatorGateway.Create(emulator));
        h.Gateway.Config["FirstMail"] = new JsonObject { ["Policy"] = "Defer", ["DeferRetryInterval"] = "00:00:01" };
        var reinjectPort = LoopbackPort.Next();
        ((JsonObject)h.Smtp["NextHop"]!)["Port"] = reinjectPort;
        await h.StartAsync();
        await using var postfix = await PostfixInstance.StartAsync(h.Port, reinjectPort, Path.Combine(AppContext.BaseDirectory, "postfix"));
        var message = SmtpGatewayHarness.Mail("Alice <alice@example.com>", "bob@partner.example", "Through Postfix.\r\nSecond line.\r\n");

        await postfix.SendmailAsync("alice@example.com", "bob@partner.example", message.ToString());
        var delivered = Assert.Single(await postfix.WaitForDeliveryAsync(1, TimeSpan.FromSeconds(90)));

        var log = await File.ReadAllTextAsync(postfix.LogFile);
        Assert.Contains("451", log, StringComparison.Ordinal); // the first attempt was deferred by the gateway
        var received = MimeMessage.Load(delivered);
        Assert.IsType<MultipartSigned>(received.Body);
        Assert.Equal(message.MessageId, received.MessageId);
        var root = h.Gateway.Temp.Combine("root.pem");
        await File.WriteAllTextAsync(root, emulator.Emulator.RootCertificate.ExportCertificatePem());
        var content = h.Gateway.Temp.Combine("content.txt");
        await OpenSslRunner.RunSuccessfullyAsync("smime", "-verify", "-in", delivered, "-CAfile", root, "-purpose", "smimesign", "-out", content);
        Assert.Contains("Second line.", await File.ReadAllTextAsync(content), StringComparison.Ordinal);
        Assert.Equal(1, await emulator.Emulator.CountOrdersAsync());
    }
}
