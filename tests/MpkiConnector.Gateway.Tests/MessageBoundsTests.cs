using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Gateway.Tests;

/// <summary>Issue 17 item 5: every message has a size, header and time bound, and a message beyond one is rejected with a reason.</summary>
public sealed class MessageBoundsTests
{
    [Fact]
    public async Task ProcessOnceAsync_MessageOverSizeLimit_RejectedUnreadWithReason()
    {
        await using var h = new GatewayHarness().WithFakeProvider().WithDomain("example.com", "fake");
        h.Config["Limits"] = new JsonObject { ["MaxMessageBytes"] = 10_000 };
        var gateway = h.Start();
        h.WriteMail("big.eml", "alice@example.com", "bob@partner.test", body: new string('x', 20_000));
        h.WriteMail("small.eml", "alice@example.com", "bob@partner.test");

        var summary = await gateway.ProcessOnceAsync();

        Assert.Equal(1, summary.Rejected);
        Assert.Equal(1, summary.Signed);
        Assert.Contains("over the limit of 10000 bytes", await File.ReadAllTextAsync(Path.Combine(h.Rejected, "big.eml.reason.txt")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProcessOnceAsync_FiveMegabyteFoldedSubject_RejectedWithinSeconds()
    {
        await using var h = new GatewayHarness().WithFakeProvider().WithDomain("example.com", "fake");
        var gateway = h.Start();
        var text = new StringBuilder("From: alice@example.com\r\nTo: bob@partner.test\r\nSubject: start");
        for (var i = 0; i < 70_000; i++)
        {
            text.Append("\r\n folded subject line ").Append(i).Append(" padded with words to be seventy long");
        }

        await File.WriteAllTextAsync(Path.Combine(h.Spool, "folded.eml"), text.Append("\r\n\r\nbody\r\n").ToString());
        var clock = Stopwatch.StartNew();

        var summary = await gateway.ProcessOnceAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        Assert.Equal(1, summary.Rejected);
        Assert.Contains("malformed message: a header field is folded over more than 1000 lines", await File.ReadAllTextAsync(Path.Combine(h.Rejected, "folded.eml.reason.txt")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProcessOnceAsync_FoldedHeaderInsideAPart_RejectedAtParseDeadline()
    {
        await using var h = new GatewayHarness().WithFakeProvider().WithDomain("example.com", "fake");
        h.Config["Limits"] = new JsonObject { ["ParseTimeout"] = "00:00:02" };
        var gateway = h.Start();
        var text = new StringBuilder("From: alice@example.com\r\nTo: bob@partner.test\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\nX-Folded: start");
        for (var i = 0; i < 20_000; i++)
        {
            text.Append("\r\n folded line ").Append(i).Append(" padded with words to be long enough");
        }

        await File.WriteAllTextAsync(Path.Combine(h.Spool, "part.eml"), text.Append("\r\n\r\nhello\r\n--b--\r\n").ToString());
        var clock = Stopwatch.StartNew();

        // The parse deadline runs on the gateway's (fake) clock: it passes as the test moves the clock, not in real seconds.
        var summary = await h.Time.AdvanceUntilDoneAsync(gateway.ProcessOnceAsync(), TimeSpan.FromSeconds(1)).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        Assert.Equal(1, summary.Rejected);
        Assert.Contains("parsing took longer than 00:00:02", await File.ReadAllTextAsync(Path.Combine(h.Rejected, "part.eml.reason.txt")), StringComparison.Ordinal);
    }
}
